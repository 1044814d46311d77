package io.ramal.api.recordings;

import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.store.Recording;
import io.ramal.store.RecordingFile;
import java.util.Locale;
import java.util.Optional;

/** Which file of a recording a download asks for. */
enum AudioFormat {
    /** The mixed mono WAV (8 kHz, 16-bit). */
    WAV("wav", "audio/wav", ".wav"),
    /** The MP3 of the mix, made after the recording stopped. */
    MP3("mp3", "audio/mpeg", ".mp3"),
    /** The two-channel WAV, caller left and callee right (when party channels are kept). */
    STEREO("stereo", "audio/wav", "-stereo.wav");

    private final String wire;
    private final String contentType;
    private final String suffix;

    AudioFormat(String wire, String contentType, String suffix) {
        this.wire = wire;
        this.contentType = contentType;
        this.suffix = suffix;
    }

    String wire() {
        return wire;
    }

    String contentType() {
        return contentType;
    }

    String downloadName(Recording r) {
        return r.id() + suffix;
    }

    Optional<RecordingFile> of(Recording r) {
        return switch (this) {
            case WAV -> r.wav();
            case MP3 -> r.mp3();
            case STEREO -> r.stereo();
        };
    }

    /**
     * {@code ?format=wav|mp3|stereo} if given; otherwise MP3 when {@code Accept} names
     * {@code audio/mpeg} (or {@code audio/mp3}) and not {@code audio/wav}; otherwise WAV.
     */
    static AudioFormat requested(Context ctx) {
        String format = ctx.queryParam("format");
        if (format != null) {
            for (AudioFormat f : values()) {
                if (f.wire.equals(format.strip().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new ApiException(400, "invalid_query", "format must be wav, mp3 or stereo, got '" + format + "'");
        }
        String accept = Optional.ofNullable(ctx.header("Accept")).orElse("").toLowerCase(Locale.ROOT);
        boolean mpeg = accept.contains("audio/mpeg") || accept.contains("audio/mp3");
        boolean wav = accept.contains("audio/wav") || accept.contains("audio/x-wav") || accept.contains("audio/wave");
        return mpeg && !wav ? MP3 : WAV;
    }
}
