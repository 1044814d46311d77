package io.ramal.media.record;

import io.ramal.media.FrameSink;
import io.ramal.media.Pcm;
import io.ramal.media.audio.SoftLimiter;
import io.ramal.media.mixer.JitterBuffer;
import io.ramal.media.player.ClockTask;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Records one call. Each party's received audio is written to {@link #party(String)} (a
 * non-blocking sink, from RTP threads); registered on a {@link io.ramal.media.player.MediaClock},
 * the recorder takes one frame per party every tick — silence for a party that sent nothing, so
 * everything lands at the right time — mixes them (soft-limited) and hands blocks of frames to
 * its writer thread, which streams the WAV files and fixes their headers every
 * {@link RecordingSpec#flushInterval()} (a crash leaves readable files).
 *
 * <p>{@link #start()}, {@link #pause()}, {@link #resume()} and {@link #stop()} may be called at
 * any moment from any thread. Paused time is skipped (the file jumps from the moment of pause to
 * the moment of resume) or written as silence, as {@link RecordingSpec#pausedTime()} says; what
 * parties send while paused is never written. After stop, the MP3 is made on the encoder executor and
 * {@link #outcome()} completes with the files, duration, sizes and checksums.
 */
public final class Recorder implements ClockTask {
    private final RecordingSpec spec;
    private final Executor writerExecutor;
    private final Executor encoderExecutor;
    private final JitterBuffer[] inputs;
    private final short[][] current;
    private final CompletableFuture<RecordingOutcome> outcome = new CompletableFuture<>();
    private final Object lock = new Object();
    private RecordingState state = RecordingState.IDLE;
    private RecordingWriter writer;
    private Block block;
    private long recordedFrames;

    private Recorder(RecordingSpec spec, Executor writerExecutor, Executor encoderExecutor) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.writerExecutor = Objects.requireNonNull(writerExecutor, "writerExecutor");
        this.encoderExecutor = Objects.requireNonNull(encoderExecutor, "encoderExecutor");
        int parties = spec.parties().size();
        this.inputs = new JitterBuffer[parties];
        this.current = new short[parties][Pcm.FRAME_SAMPLES];
        for (int i = 0; i < parties; i++) {
            inputs[i] = new JitterBuffer();
        }
    }

    /**
     * A recorder whose files are written on a thread from {@code writerExecutor} (one long task per
     * recording: give it virtual threads) and whose MP3 is made on {@code encoderExecutor}.
     */
    public static Recorder create(RecordingSpec spec, Executor writerExecutor, Executor encoderExecutor) {
        return new Recorder(spec, writerExecutor, encoderExecutor);
    }

    /** A recorder writing and encoding on virtual threads. */
    public static Recorder create(RecordingSpec spec) {
        Executor virtual = task -> Thread.ofVirtual().name("recorder-" + spec.name()).start(task);
        return new Recorder(spec, virtual, virtual);
    }

    public RecordingSpec spec() {
        return spec;
    }

    /** Where the named party's received audio goes (never blocks). */
    public FrameSink party(String party) {
        int index = spec.parties().indexOf(Objects.requireNonNull(party, "party"));
        if (index < 0) {
            throw new IllegalArgumentException("no party " + party + " in " + spec.parties());
        }
        return inputs[index];
    }

    /** Where the party at {@code index} (in the spec's order) writes. */
    public FrameSink party(int index) {
        return inputs[index];
    }

    public RecordingState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Length of the mixed file's audio so far (paused time included only when written as silence). */
    public Duration recorded() {
        synchronized (lock) {
            return Duration.ofMillis(recordedFrames * Pcm.FRAME_MILLIS);
        }
    }

    /** Starts recording (from idle), or resumes (from paused). Returns whether anything changed. */
    public boolean start() {
        synchronized (lock) {
            return switch (state) {
                case IDLE -> open();
                case PAUSED -> resume();
                case RECORDING, STOPPED -> false;
            };
        }
    }

    /** Stops writing until {@link #resume()}; what was recorded reaches the file now. */
    public boolean pause() {
        synchronized (lock) {
            if (state != RecordingState.RECORDING) {
                return false;
            }
            flushBlock();
            state = RecordingState.PAUSED;
            return true;
        }
    }

    public boolean resume() {
        synchronized (lock) {
            if (state != RecordingState.PAUSED) {
                return false;
            }
            state = RecordingState.RECORDING;
            return true;
        }
    }

    /** Stops for good (idempotent); the outcome completes once the files are finished. */
    public CompletableFuture<RecordingOutcome> stop() {
        synchronized (lock) {
            switch (state) {
                case IDLE -> outcome.complete(new RecordingOutcome.NotStarted());
                case RECORDING, PAUSED -> {
                    flushBlock();
                    writer.finish();
                }
                case STOPPED -> { }
            }
            state = RecordingState.STOPPED;
        }
        return outcome;
    }

    /** Completes when the recording is finished (after {@link #stop()}) or has failed. */
    public CompletableFuture<RecordingOutcome> outcome() {
        return outcome;
    }

    @Override
    public boolean tick() {
        synchronized (lock) {
            if (state == RecordingState.STOPPED) {
                return false;
            }
            for (int p = 0; p < inputs.length; p++) {
                inputs[p].read(current[p]);
            }
            boolean silent = state == RecordingState.PAUSED && spec.pausedTime() == PausedTime.SILENCE;
            if (state != RecordingState.RECORDING && !silent) {
                return true;
            }
            if (writer.failed()) {
                state = RecordingState.STOPPED;
                return false;
            }
            int at = block.samples();
            if (silent) {
                java.util.Arrays.fill(block.mix, at, at + Pcm.FRAME_SAMPLES, (short) 0);
            } else {
                for (int i = 0; i < Pcm.FRAME_SAMPLES; i++) {
                    int sum = 0;
                    for (short[] frame : current) {
                        sum += frame[i];
                    }
                    block.mix[at + i] = SoftLimiter.limit(sum);
                }
            }
            if (block.parties != null) {
                for (int p = 0; p < current.length; p++) {
                    if (silent) {
                        java.util.Arrays.fill(block.parties[p], at, at + Pcm.FRAME_SAMPLES, (short) 0);
                    } else {
                        System.arraycopy(current[p], 0, block.parties[p], at, Pcm.FRAME_SAMPLES);
                    }
                }
            }
            block.frames++;
            recordedFrames++;
            if (block.frames == block.capacity()) {
                flushBlock();
            }
            return true;
        }
    }

    private boolean open() {
        writer = new RecordingWriter(spec, encoderExecutor, outcome);
        try {
            writerExecutor.execute(writer);
        } catch (RejectedExecutionException e) {
            state = RecordingState.STOPPED;
            outcome.complete(new RecordingOutcome.Failed("no writer thread: " + e.getMessage(), java.util.List.of()));
            return false;
        }
        block = newBlock();
        state = RecordingState.RECORDING;
        return true;
    }

    private void flushBlock() {
        if (block.frames > 0) {
            writer.submit(block);
            block = newBlock();
        }
    }

    private Block newBlock() {
        Block reused = writer.reusable();
        return reused != null ? reused : new Block(spec.flushFrames(), inputs.length, spec.partyChannels() != PartyChannels.NONE);
    }
}
