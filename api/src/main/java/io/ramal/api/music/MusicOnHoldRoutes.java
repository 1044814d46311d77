package io.ramal.api.music;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.http.AudioUploads;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant's music on hold under {@code /api/v1/music-on-hold}: {@code PUT} a WAV file to make it
 * what the tenant's held callers hear from the next hold on (checked and converted to 8 kHz mono
 * first; refused with {@code 400 invalid_audio} and the reason, or {@code 413 audio_too_large}),
 * {@code GET} the music now played as a WAV, {@code DELETE} to go back to the built-in music. The
 * body of a {@code PUT} is read as a stream up to the size limit, never buffered beyond it.
 * Admins (or an API key with {@code admin}) only.
 */
public final class MusicOnHoldRoutes {
    public static final String PATH = "/api/v1/music-on-hold";
    static final String SOURCE_HEADER = "Ramal-Music-Source";

    private final BearerAuthentication authentication;
    private final TenantMusic music;

    public MusicOnHoldRoutes(BearerAuthentication authentication, TenantMusic music) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.music = Objects.requireNonNull(music, "music");
    }

    public void addTo(RoutesConfig routes) {
        routes.put(PATH, this::upload);
        routes.get(PATH, this::download);
        routes.delete(PATH, this::reset);
    }

    private void upload(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        byte[] wav = AudioUploads.read(ctx, music.maxUploadBytes());
        switch (music.upload(admin.tenantId(), wav)) {
            case MusicUpload.Stored stored -> {
                Map<String, Object> body = view(stored.music());
                body.put("uploaded_format", stored.uploadedFormat());
                Json.write(ctx, 200, body);
            }
            case MusicUpload.Refused refused when refused.tooLarge() ->
                    throw new ApiException(413, "audio_too_large", refused.reason());
            case MusicUpload.Refused refused -> throw new ApiException(400, "invalid_audio", refused.reason());
        }
    }

    private void download(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        HoldMusic current = music.current(admin.tenantId());
        String etag = "\"" + current.sha256() + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "private, no-cache");
        ctx.header(SOURCE_HEADER, current.source().wireName());
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
                .anyMatch(t -> t.equals(etag) || t.equals("*"))) {
            ctx.status(304);
            return;
        }
        ctx.header("Content-Disposition", "attachment; filename=\"music-on-hold-" + admin.tenantId() + ".wav\"");
        ctx.status(200).contentType("audio/wav").result(current.wav());
    }

    private void reset(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        music.useDefault(admin.tenantId());
        Json.write(ctx, 200, view(music.current(admin.tenantId())));
    }

    static Map<String, Object> view(HoldMusic m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("source", m.source().wireName());
        v.put("duration_ms", m.duration().toMillis());
        v.put("size", m.wav().length);
        v.put("sha256", m.sha256());
        v.put("updated_at", m.updatedAt().map(Object::toString).orElse(null));
        return v;
    }
}
