package io.ramal.media.audio;

import java.time.Duration;
import java.util.Objects;

/**
 * What a tenant may upload as music on hold or a prompt: file size and audio duration bounds.
 */
public record UploadLimits(long maxBytes, Duration minDuration, Duration maxDuration) {
    /** 50 MiB (about 4.5 minutes of 48 kHz stereo), between 1 second and 15 minutes. */
    public static final UploadLimits DEFAULT =
            new UploadLimits(50L * 1024 * 1024, Duration.ofSeconds(1), Duration.ofMinutes(15));

    public UploadLimits {
        Objects.requireNonNull(minDuration, "minDuration");
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (maxBytes <= 0 || minDuration.isNegative() || maxDuration.compareTo(minDuration) < 0) {
            throw new IllegalArgumentException("inconsistent limits");
        }
    }
}
