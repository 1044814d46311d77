package io.ramal.media.record;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to record and where. Files go to {@code directory} (created if missing) as
 * {@code <name>.wav} (mixed, 8 kHz mono 16-bit), {@code <name>.mp3}, and, per
 * {@link PartyChannels}, {@code <name>-stereo.wav} or {@code <name>-<party>.wav}. Existing files
 * are never overwritten.
 *
 * @param directory where the files go (the server passes {@code ./data/recordings/<tenant>/...})
 * @param name base file name: letters, digits, {@code . _ -}, not starting with a dot
 * @param parties party labels, in order (same character rules as {@code name})
 * @param partyChannels whether parties are also kept apart
 * @param mp3Kbps MP3 bit rate after the call (24 to 64 in steps of 8), or 0 for no MP3
 * @param flushInterval how often written audio reaches the file and its header is fixed up: the
 *     most a crash can lose (a multiple of 20 ms)
 * @param pausedTime whether a pause is skipped in the file or written as silence
 */
public record RecordingSpec(Path directory, String name, List<String> parties, PartyChannels partyChannels,
                            int mp3Kbps, Duration flushInterval, PausedTime pausedTime) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    public RecordingSpec {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(partyChannels, "partyChannels");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(pausedTime, "pausedTime");
        requireSafe(name, "name");
        parties = List.copyOf(parties);
        if (parties.isEmpty()) {
            throw new IllegalArgumentException("no parties");
        }
        for (String party : parties) {
            requireSafe(party, "party");
        }
        if (new HashSet<>(parties).size() != parties.size()) {
            throw new IllegalArgumentException("duplicate party labels: " + parties);
        }
        if (partyChannels == PartyChannels.STEREO && parties.size() != 2) {
            throw new IllegalArgumentException("stereo needs exactly two parties, got " + parties.size());
        }
        if (mp3Kbps != 0 && !Mp3Encoder.supportsBitRate(mp3Kbps)) {
            throw new IllegalArgumentException("unsupported MP3 bit rate " + mp3Kbps + " kbps");
        }
        if (flushInterval.toMillis() < 20 || flushInterval.toMillis() % 20 != 0) {
            throw new IllegalArgumentException("flush interval must be a multiple of 20 ms: " + flushInterval);
        }
    }

    /** Mixed WAV plus a 24 kbps MP3, flushed every second, pauses skipped. */
    public static RecordingSpec mixed(Path directory, String name, List<String> parties) {
        return new RecordingSpec(directory, name, parties, PartyChannels.NONE, 24, Duration.ofSeconds(1),
                PausedTime.SKIPPED);
    }

    public RecordingSpec withPartyChannels(PartyChannels channels) {
        return new RecordingSpec(directory, name, parties, channels, mp3Kbps, flushInterval, pausedTime);
    }

    public RecordingSpec withMp3Kbps(int kbps) {
        return new RecordingSpec(directory, name, parties, partyChannels, kbps, flushInterval, pausedTime);
    }

    public RecordingSpec withFlushInterval(Duration interval) {
        return new RecordingSpec(directory, name, parties, partyChannels, mp3Kbps, interval, pausedTime);
    }

    public RecordingSpec withPausedTime(PausedTime paused) {
        return new RecordingSpec(directory, name, parties, partyChannels, mp3Kbps, flushInterval, paused);
    }

    /** The MP3 this spec makes (whether or not it exists yet). */
    public Path mp3Path() {
        return mp3();
    }

    /** Frames per flush. */
    int flushFrames() {
        return (int) (flushInterval.toMillis() / 20);
    }

    Path mixedWav() {
        return directory.resolve(name + ".wav");
    }

    Path mp3() {
        return directory.resolve(name + ".mp3");
    }

    Path stereoWav() {
        return directory.resolve(name + "-stereo.wav");
    }

    Path partyWav(String party) {
        return directory.resolve(name + "-" + party + ".wav");
    }

    private static void requireSafe(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!SAFE.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(what + " is not a safe file name part: " + value);
        }
    }
}
