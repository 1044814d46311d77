package io.ramal.api.http;

import io.javalin.http.Context;
import io.ramal.api.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The body of an audio upload (music on hold, a menu's prompt): read as a stream up to the size limit,
 * never buffered beyond it, and refused with {@code 413 audio_too_large} as soon as it is known to be
 * larger.
 */
public final class AudioUploads {
    private AudioUploads() {}

    /** The request body, at most {@code max} bytes. */
    public static byte[] read(Context ctx, long max) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw tooLarge(declared + " bytes", max);
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw tooLarge("more than " + max + " bytes", max);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The refusal of a file over the size limit. */
    public static ApiException tooLarge(String size, long max) {
        return new ApiException(413, "audio_too_large", "the file is too large: " + size + ", at most " + max
                + " bytes allowed");
    }
}
