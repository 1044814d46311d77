package io.ramal.media.audio;

import java.time.Duration;
import java.util.Objects;

/** What a WAV header says about its audio, read without decoding the samples. */
public record WavHeader(WavFormat format, long frames) {
    public WavHeader {
        Objects.requireNonNull(format, "format");
    }

    public Duration duration() {
        return Duration.ofNanos(frames * 1_000_000_000L / format.sampleRate());
    }
}
