package io.ramal.server.config;

import io.ramal.media.record.Mp3Encoder;

/**
 * Call recording ({@code media.recording.*}).
 *
 * @param partyChannels besides the mixed mono WAV, keep a two-channel WAV with the caller on the
 *                      left and the callee on the right
 * @param mp3Kbps       bit rate of the MP3 made after each recording (24 to 64 in steps of 8), or
 *                      0 for no MP3
 * @param retentionDays recordings (files and index rows) are deleted this many days after they
 *                      ended, unless the tenant sets its own {@code recordings.retention_days};
 *                      0 keeps them for ever
 */
public record RecordingConfig(boolean partyChannels, int mp3Kbps, int retentionDays) {
    public static final RecordingConfig DEFAULTS = new RecordingConfig(false, 32, 0);
    /** A century: longer is a typo. */
    static final int MAX_RETENTION_DAYS = 36_500;

    public RecordingConfig {
        if (mp3Kbps != 0 && !Mp3Encoder.supportsBitRate(mp3Kbps)) {
            throw new IllegalArgumentException("mp3_kbps must be 0 (no MP3) or 24 to 64 in steps of 8, got " + mp3Kbps);
        }
        checkRetentionDays(retentionDays);
    }

    /** Recordings kept for ever. */
    public RecordingConfig(boolean partyChannels, int mp3Kbps) {
        this(partyChannels, mp3Kbps, 0);
    }

    public RecordingConfig withRetentionDays(int days) {
        return new RecordingConfig(partyChannels, mp3Kbps, days);
    }

    static void checkRetentionDays(int days) {
        if (days < 0 || days > MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException("retention_days must be 0 (keep for ever) to " + MAX_RETENTION_DAYS
                    + ", got " + days);
        }
    }
}
