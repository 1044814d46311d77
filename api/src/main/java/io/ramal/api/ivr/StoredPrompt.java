package io.ramal.api.ivr;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** {@code {sha256, duration_ms, size}}: how a menu's prompt and a queue's announcement are shown. */
    public Map<String, Object> toJson() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sha256", sha256);
        v.put("duration_ms", duration.toMillis());
        v.put("size", wav.length);
        return v;
    }
}
