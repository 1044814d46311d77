package io.ramal.server.media;

import io.ramal.media.audio.Clip;
import io.ramal.media.audio.UploadLimits;
import io.ramal.media.audio.UploadValidator;
import io.ramal.media.audio.WavFormat;
import io.ramal.media.audio.WavProblem;
import io.ramal.media.audio.WavReader;
import io.ramal.media.audio.WavResult;
import io.ramal.media.audio.WavWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An uploaded WAV (music on hold, a voice-menu prompt) checked once for playing: either refused
 * with the reason, or playable, with the clip, the bytes of the form it is played in (8 kHz mono
 * 16-bit PCM WAV), their SHA-256 and how the upload was encoded.
 */
sealed interface CheckedAudio {

    record Playable(Clip clip, byte[] played, String sha256, String uploadedAs) implements CheckedAudio {}

    /** @param tooLarge over the size limit (413 rather than 400) */
    record Refused(boolean tooLarge, String reason) implements CheckedAudio {}

    static CheckedAudio of(byte[] wav, UploadLimits limits) {
        WavResult<Clip> checked = UploadValidator.validate(wav, limits);
        if (checked instanceof WavResult.Rejected<Clip> r) {
            return new Refused(r.problem() == WavProblem.TOO_LARGE, r.message());
        }
        Clip clip = checked.orElseThrow();
        byte[] played = WavWriter.encode(clip);
        return new Playable(clip, played, sha256(played), describe(WavReader.header(wav).orElseThrow().format()));
    }

    /** "PCM 16-bit 44100 Hz stereo", "A-law 8000 Hz mono"… */
    static String describe(WavFormat f) {
        String encoding = switch (f.encoding()) {
            case PCM -> "PCM " + f.bitsPerSample() + "-bit";
            case ALAW -> "A-law";
            case MULAW -> "µ-law";
        };
        String channels = f.channels() == 1 ? "mono" : "stereo";
        return String.format(Locale.ROOT, "%s %d Hz %s", encoding, f.sampleRate(), channels);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
