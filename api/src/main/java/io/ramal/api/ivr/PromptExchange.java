package io.ramal.api.ivr;

import io.javalin.http.Context;
import io.ramal.api.ApiException;
import java.util.Arrays;

/** How a stored prompt (a voice menu's, a queue's announcement) goes in and out over HTTP. */
public final class PromptExchange {
    private PromptExchange() {}

    /** The stored prompt, or the upload's refusal as {@code 413 audio_too_large} / {@code 400 invalid_audio}. */
    public static PromptUpload.Stored accepted(PromptUpload upload) {
        return switch (upload) {
            case PromptUpload.Stored stored -> stored;
            case PromptUpload.Refused refused when refused.tooLarge() ->
                    throw new ApiException(413, "audio_too_large", refused.reason());
            case PromptUpload.Refused refused -> throw new ApiException(400, "invalid_audio", refused.reason());
        };
    }

    /** Sends {@code prompt} as a WAV attachment named {@code filename}, or 304 when the client has it (ETag = SHA-256). */
    public static void send(Context ctx, StoredPrompt prompt, String filename) {
        String etag = "\"" + prompt.sha256() + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "private, no-cache");
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
                .anyMatch(t -> t.equals(etag) || t.equals("*"))) {
            ctx.status(304);
            return;
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        ctx.status(200).contentType("audio/wav").result(prompt.wav());
    }
}
