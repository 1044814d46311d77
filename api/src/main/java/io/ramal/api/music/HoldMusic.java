package io.ramal.api.music;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's music on hold as it is played: an 8 kHz mono 16-bit WAV.
 *
 * @param source {@code tenant} for an upload, {@code default} for the built-in music
 * @param wav the file's bytes
 * @param sha256 their checksum (lower-case hex), the download's ETag
 * @param updatedAt when the tenant uploaded it (empty for the built-in music)
 */
public record HoldMusic(Source source, byte[] wav, String sha256, Duration duration, Optional<Instant> updatedAt) {
    /** Whose music it is. */
    public enum Source {
        TENANT, DEFAULT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public HoldMusic {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(wav, "wav");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
