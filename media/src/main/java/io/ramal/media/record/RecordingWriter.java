package io.ramal.media.record;

import io.ramal.media.Pcm;
import io.ramal.media.audio.WavOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * The file side of a {@link Recorder}: on its own thread, takes blocks from a queue (the clock
 * thread only ever enqueues), appends them to the WAV files and fixes their headers after each
 * block; at the end closes the files, has the MP3 made on the encoder executor, measures every
 * file and completes the outcome.
 */
final class RecordingWriter implements Runnable {
    private static final Object END = new Object();

    private final RecordingSpec spec;
    private final Executor encoder;
    private final CompletableFuture<RecordingOutcome> outcome;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    /** Blocks written out, for the clock thread to fill again (a recording needs two in steady state). */
    private final ConcurrentLinkedQueue<Block> written = new ConcurrentLinkedQueue<>();
    private final List<WavOutput> outputs = new ArrayList<>();
    private final List<Path> created = new ArrayList<>();
    private volatile boolean failed;
    private WavOutput mixed;
    private WavOutput stereo;
    private short[] interleaved = new short[0];
    private long frames;

    RecordingWriter(RecordingSpec spec, Executor encoder, CompletableFuture<RecordingOutcome> outcome) {
        this.spec = spec;
        this.encoder = encoder;
        this.outcome = outcome;
    }

    /**
     * A block already written out, to fill again instead of allocating one (clock thread); null if
     * none is back yet. Each block would otherwise live a whole flush interval, long enough to be
     * copied by a young collection, a second or more of audio for each recorded call.
     */
    Block reusable() {
        return written.poll();
    }

    /** Queues a block (never blocks). */
    void submit(Block block) {
        queue.add(block);
    }

    /** Queues the end: everything submitted before is written, then the files are finished. */
    void finish() {
        queue.add(END);
    }

    boolean failed() {
        return failed;
    }

    @Override
    public void run() {
        try {
            open();
        } catch (IOException e) {
            fail("cannot create recording files: " + e, false);
            return;
        }
        try {
            for (Object message = queue.take(); message != END; message = queue.take()) {
                Block block = (Block) message;
                write(block);
                block.frames = 0;
                written.offer(block);
            }
            closeAll();
        } catch (IOException e) {
            fail("cannot write recording: " + e, true);
            return;
        } catch (InterruptedException e) {
            fail("recording writer interrupted", true);
            return;
        }
        Duration duration = Duration.ofMillis(frames * Pcm.FRAME_MILLIS);
        try {
            encoder.execute(() -> complete(duration));
        } catch (RejectedExecutionException e) {
            complete(duration);
        }
    }

    private void open() throws IOException {
        Files.createDirectories(spec.directory());
        mixed = create(spec.mixedWav(), 1);
        switch (spec.partyChannels()) {
            case NONE -> { }
            case STEREO -> stereo = create(spec.stereoWav(), 2);
            case SEPARATE -> {
                for (String party : spec.parties()) {
                    create(spec.partyWav(party), 1);
                }
            }
        }
    }

    private WavOutput create(Path path, int channels) throws IOException {
        WavOutput out = WavOutput.create(path, Pcm.SAMPLE_RATE, channels);
        outputs.add(out);
        created.add(path);
        return out;
    }

    private void write(Block block) throws IOException {
        int samples = block.samples();
        append(mixed, block.mix, samples);
        switch (spec.partyChannels()) {
            case NONE -> { }
            case STEREO -> {
                if (interleaved.length < 2 * samples) {
                    interleaved = new short[2 * block.mix.length];
                }
                for (int i = 0; i < samples; i++) {
                    interleaved[2 * i] = block.parties[0][i];
                    interleaved[2 * i + 1] = block.parties[1][i];
                }
                append(stereo, interleaved, 2 * samples);
            }
            case SEPARATE -> {
                for (int p = 0; p < block.parties.length; p++) {
                    append(outputs.get(1 + p), block.parties[p], samples);
                }
            }
        }
        for (WavOutput out : outputs) {
            out.sync();
        }
        frames += block.frames;
    }

    private static void append(WavOutput out, short[] samples, int count) throws IOException {
        if (!out.append(samples, count)) {
            throw new IOException(out.path() + " reached the 4 GiB WAV limit");
        }
    }

    private void closeAll() throws IOException {
        IOException first = null;
        for (WavOutput out : outputs) {
            try {
                out.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Closes what is open; keeps partial files (readable up to their last flush) or removes empty ones. */
    private void fail(String reason, boolean keepFiles) {
        failed = true;
        for (WavOutput out : outputs) {
            try {
                out.close();
            } catch (IOException ignored) {
                // already failing; the reason given is the first problem
            }
        }
        if (!keepFiles) {
            deleteCreated();
        }
        outcome.complete(new RecordingOutcome.Failed(reason, keepFiles ? created : List.of()));
    }

    /** Files made before opening failed hold nothing: remove them (never a file we did not create). */
    private void deleteCreated() {
        for (Path path : created) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // an empty header-only WAV left behind is harmless
            }
        }
    }

    /** Runs on the encoder executor: MP3, sizes, checksums. */
    private void complete(Duration duration) {
        List<RecordedFile> files = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try {
            files.add(RecordedFile.measure(spec.mixedWav(), RecordedFile.Kind.MIXED_WAV, Optional.empty()));
            switch (spec.partyChannels()) {
                case NONE -> { }
                case STEREO -> files.add(RecordedFile.measure(spec.stereoWav(), RecordedFile.Kind.STEREO_WAV, Optional.empty()));
                case SEPARATE -> {
                    for (String party : spec.parties()) {
                        files.add(RecordedFile.measure(spec.partyWav(party), RecordedFile.Kind.PARTY_WAV, Optional.of(party)));
                    }
                }
            }
            if (spec.mp3Kbps() > 0) {
                mp3(files, warnings);
            }
        } catch (IOException e) {
            outcome.complete(new RecordingOutcome.Failed("cannot read back recording: " + e, created));
            return;
        }
        outcome.complete(new RecordingOutcome.Completed(new RecordingResult(spec.name(), duration, files, warnings)));
    }

    private void mp3(List<RecordedFile> files, List<String> warnings) throws IOException {
        Path mp3 = spec.mp3();
        try {
            Mp3Encoder.encode(spec.mixedWav(), mp3, spec.mp3Kbps());
        } catch (IOException | RuntimeException e) {
            warnings.add("MP3 not made: " + e);
            if (!(e instanceof java.nio.file.FileAlreadyExistsException)) {
                Files.deleteIfExists(mp3);
            }
            return;
        }
        files.add(RecordedFile.measure(mp3, RecordedFile.Kind.MP3, Optional.empty()));
    }
}
