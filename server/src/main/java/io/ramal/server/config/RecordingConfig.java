package io.ramal.server.config;

import io.ramal.media.record.Mp3Encoder;

/**
 * Call recording ({@code media.recording.*}).
 *
 * @param partyChannels besides the mixed mono WAV, keep a two-channel WAV with the caller on the
 *                      left and the callee on the right
 * @param mp3Kbps       bit rate of the MP3 made after each recording (24 to 64 in steps of 8), or
 *                      0 for no MP3
 */
public record RecordingConfig(boolean partyChannels, int mp3Kbps) {
    public static final RecordingConfig DEFAULTS = new RecordingConfig(false, 32);

    public RecordingConfig {
        if (mp3Kbps != 0 && !Mp3Encoder.supportsBitRate(mp3Kbps)) {
            throw new IllegalArgumentException("mp3_kbps must be 0 (no MP3) or 24 to 64 in steps of 8, got " + mp3Kbps);
        }
    }
}
