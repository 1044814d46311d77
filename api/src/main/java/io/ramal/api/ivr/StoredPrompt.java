package io.ramal.api.ivr;

import java.time.Duration;
import java.util.Objects;

/**
 * A prompt as it is played: an 8 kHz mono 16-bit WAV, named by the SHA-256 of its bytes.
 *
 * @param sha256 the reference a menu keeps, and the download's ETag
 */
public record StoredPrompt(String sha256, byte[] wav, Duration duration) {
    public StoredPrompt {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(wav, "wav");
        Objects.requireNonNull(duration, "duration");
    }
}
