package io.ramal.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One recording of a call, as the recordings index holds it.
 *
 * @param id the recording's id ({@code <call id>-<seq>}, also its files' base name)
 * @param seq 1 for the call's first recording, 2 after a stop and a new start, ...
 * @param callerExtension the calling extension (internal and outbound calls)
 * @param calleeExtension the called extension (internal and inbound calls)
 * @param endedAt when it was stopped (empty while recording or paused)
 * @param durationMs length of the audio (paused time included, as silence), known once the WAV is complete
 * @param pausedMs time spent paused
 * @param wavPath the mixed WAV, relative to the recordings directory (known from the start)
 * @param wav the mixed WAV once complete
 * @param mp3 the MP3 of the mix, once made
 * @param stereo the two-channel WAV (caller left, callee right), when party channels are kept
 * @param stopReason why it stopped ({@code api}, {@code call ended}, ...)
 * @param failure what went wrong, for {@link RecordingStatus#FAILED}
 */
public record Recording(
        String id, String tenantId, String callId, int seq, Optional<String> callerExtension,
        Optional<String> calleeExtension, RecordingStatus status, Instant startedAt, Optional<Instant> endedAt,
        long durationMs, long pausedMs, String wavPath, Optional<RecordingFile> wav, Optional<RecordingFile> mp3,
        Optional<RecordingFile> stereo, Optional<String> stopReason, Optional<String> failure) {

    public Recording {
        Text.requireNonBlank(id, "id");
        Text.requireNonBlank(tenantId, "tenantId");
        Text.requireNonBlank(callId, "callId");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1: " + seq);
        }
        Objects.requireNonNull(callerExtension, "callerExtension");
        Objects.requireNonNull(calleeExtension, "calleeExtension");
        Objects.requireNonNull(status, "status");
        startedAt = Objects.requireNonNull(startedAt, "startedAt").truncatedTo(ChronoUnit.MILLIS);
        endedAt = Objects.requireNonNull(endedAt, "endedAt").map(t -> t.truncatedTo(ChronoUnit.MILLIS));
        if (durationMs < 0 || pausedMs < 0) {
            throw new IllegalArgumentException("negative duration");
        }
        RecordingPaths.requireRelative(wavPath);
        Objects.requireNonNull(wav, "wav");
        Objects.requireNonNull(mp3, "mp3");
        Objects.requireNonNull(stereo, "stereo");
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(failure, "failure");
        wav.ifPresent(w -> {
            if (!w.path().equals(wavPath)) {
                throw new IllegalArgumentException("the complete WAV is not at " + wavPath + ": " + w.path());
            }
        });
    }

    /** A recording that has just started: only its identity, parties, start and WAV path are known. */
    public static Recording started(String id, String tenantId, String callId, int seq,
            Optional<String> callerExtension, Optional<String> calleeExtension, Instant startedAt, String wavPath) {
        return new Recording(id, tenantId, callId, seq, callerExtension, calleeExtension, RecordingStatus.RECORDING,
                startedAt, Optional.empty(), 0, 0, wavPath, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** Whether {@code extension} is a party of the recorded call. */
    public boolean involves(String extension) {
        return callerExtension.equals(Optional.of(extension)) || calleeExtension.equals(Optional.of(extension));
    }
}
