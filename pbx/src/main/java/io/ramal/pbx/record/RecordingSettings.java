package io.ramal.pbx.record;

import io.ramal.media.record.Mp3Encoder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How calls are recorded.
 *
 * @param directory where recordings go ({@code <data_dir>/recordings}); files are kept as
 *     {@code <tenant>/<yyyy>/<mm>/<dd>/<call id>-<n>.wav|.mp3} under it (UTC date of the start)
 * @param partyChannels also keep a two-channel WAV, caller left and callee right
 *     ({@code <call id>-<n>-stereo.wav})
 * @param mp3Kbps bit rate of the MP3 made after each recording (24 to 64 in steps of 8), 0 for none
 * @param flushInterval how often written audio reaches the disk: the most a crash can lose
 */
public record RecordingSettings(Path directory, boolean partyChannels, int mp3Kbps, Duration flushInterval) {
  public RecordingSettings {
    directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    Objects.requireNonNull(flushInterval, "flushInterval");
    if (mp3Kbps != 0 && !Mp3Encoder.supportsBitRate(mp3Kbps)) {
      throw new IllegalArgumentException("unsupported MP3 bit rate " + mp3Kbps + " kbps");
    }
  }
}
