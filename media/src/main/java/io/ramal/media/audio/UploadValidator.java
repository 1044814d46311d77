package io.ramal.media.audio;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Checks a tenant's uploaded WAV before it is stored: size, format, duration (checked from the
 * header before decoding) and that it is not silence; accepted files come back converted to the
 * media plane's 8 kHz mono form. Every refusal is a {@link WavResult.Rejected} with a
 * {@link WavProblem} the API can map to a 4xx.
 */
public final class UploadValidator {
    /** Uploads quieter than this overall are refused as {@link WavProblem#SILENT}. */
    public static final double SILENT_BELOW_DBFS = -60;

    private UploadValidator() {}

    public static WavResult<Clip> validate(Path file, UploadLimits limits) {
        Objects.requireNonNull(limits, "limits");
        WavResult<byte[]> bytes = WavReader.load(file, limits.maxBytes());
        if (bytes instanceof WavResult.Accepted<byte[]> a) {
            return validate(a.value(), limits);
        }
        return bytes.castRejected();
    }

    public static WavResult<Clip> validate(byte[] wav, UploadLimits limits) {
        Objects.requireNonNull(wav, "wav");
        Objects.requireNonNull(limits, "limits");
        if (wav.length > limits.maxBytes()) {
            return WavResult.rejected(WavProblem.TOO_LARGE, wav.length + " bytes, at most " + limits.maxBytes() + " allowed");
        }
        WavResult<WavHeader> header = WavReader.header(wav);
        if (!(header instanceof WavResult.Accepted<WavHeader> h)) {
            return header.castRejected();
        }
        if (h.value().duration().compareTo(limits.maxDuration()) > 0) {
            return WavResult.rejected(WavProblem.TOO_LONG,
                    seconds(h.value().duration()) + " s, at most " + seconds(limits.maxDuration()) + " s allowed");
        }
        if (h.value().duration().compareTo(limits.minDuration()) < 0) {
            return WavResult.rejected(WavProblem.TOO_SHORT,
                    seconds(h.value().duration()) + " s, at least " + seconds(limits.minDuration()) + " s needed");
        }
        WavResult<Clip> clip = WavReader.read(wav);
        if (clip instanceof WavResult.Accepted<Clip> c && SignalLevel.isSilent(c.value().samples(), SILENT_BELOW_DBFS)) {
            return WavResult.rejected(WavProblem.SILENT, "");
        }
        return clip;
    }

    private static String seconds(java.time.Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
