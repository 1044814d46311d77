package io.ramal.media.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.ramal.media.FrameSink;
import io.ramal.media.Pcm;
import io.ramal.media.audio.SignalLevel;
import io.ramal.media.audio.ToneDetector;
import io.ramal.media.audio.ToneGenerator;
import io.ramal.media.audio.WavContent;
import io.ramal.media.audio.WavFormat;
import io.ramal.media.audio.WavReader;
import io.ramal.media.audio.WavResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {
    private static final double CALLER_HZ = 700;
    private static final double CALLEE_HZ = 1300;

    @TempDir
    Path dir;

    @Test
    void mixedWavHoldsBothPartiesAtTheRightTimesAndTheMp3MatchesIt() throws Exception {
        Recorder recorder = Recorder.create(RecordingSpec.mixed(dir, "call-1", List.of("caller", "callee")));
        recorder.start();

        talk(recorder, 250, 25, 150, 100, 225);
        RecordingResult result = completed(recorder.stop());

        assertThat(result.duration()).isEqualTo(Duration.ofSeconds(5));
        short[] mix = mono(dir.resolve("call-1.wav"));
        assertThat(mix).hasSize(250 * Pcm.FRAME_SAMPLES);
        assertThat(new ToneDetector(CALLER_HZ).presenceByFrame(mix)).isEqualTo(expected(250, 25, 150));
        assertThat(new ToneDetector(CALLEE_HZ).presenceByFrame(mix)).isEqualTo(expected(250, 100, 225));

        Path mp3 = dir.resolve("call-1.mp3");
        Mp3Check.Frames frames = Mp3Check.frames(mp3);
        assertThat(frames.sampleRate()).isEqualTo(8000);
        assertThat(frames.kbps()).isEqualTo(24);
        assertThat(frames.durationMillis()).isCloseTo(5000.0, within(100.0));
        short[] decoded = Mp3Check.decode(mp3);
        assertThat(decoded.length / 8.0).isCloseTo(5000.0, within(150.0));
        assertThat(new ToneDetector(CALLER_HZ).present(decoded, 50 * Pcm.FRAME_SAMPLES, 40 * Pcm.FRAME_SAMPLES)).isTrue();
        assertThat(new ToneDetector(CALLEE_HZ).present(decoded, 180 * Pcm.FRAME_SAMPLES, 40 * Pcm.FRAME_SAMPLES)).isTrue();
        assertThat(new ToneDetector(CALLEE_HZ).present(decoded, 50 * Pcm.FRAME_SAMPLES, 40 * Pcm.FRAME_SAMPLES)).isFalse();
    }

    @Test
    void resultListsEveryFileWithItsSizeAndChecksum() throws Exception {
        Recorder recorder = Recorder.create(RecordingSpec.mixed(dir, "call-2", List.of("a", "b")).withMp3Kbps(32));
        recorder.start();
        talk(recorder, 50, 0, 50, 0, 0);

        RecordingResult result = completed(recorder.stop());

        assertThat(result.files()).extracting(RecordedFile::kind)
                .containsExactly(RecordedFile.Kind.MIXED_WAV, RecordedFile.Kind.MP3);
        for (RecordedFile file : result.files()) {
            assertThat(file.size()).isEqualTo(Files.size(file.path()));
            assertThat(file.sha256()).isEqualTo(sha256(file.path()));
        }
        assertThat(result.size()).isEqualTo(result.files().stream().mapToLong(RecordedFile::size).sum());
        assertThat(result.warnings()).isEmpty();
        assertThat(Mp3Check.frames(result.file(RecordedFile.Kind.MP3).orElseThrow().path()).kbps()).isEqualTo(32);
    }

    @Test
    void stereoKeepsEachPartyOnItsOwnChannel() throws Exception {
        Recorder recorder = Recorder.create(RecordingSpec.mixed(dir, "call-3", List.of("caller", "callee"))
                .withPartyChannels(PartyChannels.STEREO).withMp3Kbps(0));
        recorder.start();
        talk(recorder, 100, 10, 60, 40, 90);

        RecordingResult result = completed(recorder.stop());

        WavContent stereo = WavReader.decode(dir.resolve("call-3-stereo.wav"), Long.MAX_VALUE).orElseThrow();
        assertThat(stereo.format()).isEqualTo(new WavFormat(WavFormat.Encoding.PCM, 8000, 2, 16));
        assertThat(new ToneDetector(CALLER_HZ).presenceByFrame(stereo.channel(0))).isEqualTo(expected(100, 10, 60));
        assertThat(new ToneDetector(CALLEE_HZ).presenceByFrame(stereo.channel(0))).isEqualTo(expected(100, 0, 0));
        assertThat(new ToneDetector(CALLEE_HZ).presenceByFrame(stereo.channel(1))).isEqualTo(expected(100, 40, 90));
        assertThat(new ToneDetector(CALLER_HZ).presenceByFrame(stereo.channel(1))).isEqualTo(expected(100, 0, 0));
        assertThat(result.files()).extracting(RecordedFile::kind)
                .containsExactly(RecordedFile.Kind.MIXED_WAV, RecordedFile.Kind.STEREO_WAV);
    }

    @Test
    void separateFilesKeepOnePartyEach() throws Exception {
        Recorder recorder = Recorder.create(RecordingSpec.mixed(dir, "conf", List.of("a", "b", "c"))
                .withPartyChannels(PartyChannels.SEPARATE).withMp3Kbps(0));
        recorder.start();
        talk(recorder, 60, 0, 30, 30, 60);

        RecordingResult result = completed(recorder.stop());

        assertThat(new ToneDetector(CALLER_HZ).presenceByFrame(mono(dir.resolve("conf-a.wav")))).isEqualTo(expected(60, 0, 30));
        assertThat(new ToneDetector(CALLEE_HZ).presenceByFrame(mono(dir.resolve("conf-b.wav")))).isEqualTo(expected(60, 30, 60));
        assertThat(mono(dir.resolve("conf-c.wav"))).hasSize(60 * Pcm.FRAME_SAMPLES).containsOnly((short) 0);
        assertThat(result.files()).filteredOn(f -> f.kind() == RecordedFile.Kind.PARTY_WAV)
                .extracting(f -> f.party().orElseThrow()).containsExactly("a", "b", "c");
    }

    @Test
    void blocksWrittenOutAndFilledAgainKeepEveryFrameInItsPlace() throws Exception {
        Recorder recorder = Recorder.create(RecordingSpec.mixed(dir, "reused", List.of("caller", "callee"))
                .withFlushInterval(Duration.ofMillis(40)).withPartyChannels(PartyChannels.STEREO).withMp3Kbps(0));
        recorder.start();
        for (int round = 0; round < 10; round++) {
            talk(recorder, 10, 0, 5, 5, 10);   // two frames per block: each block is written out and filled again
            Thread.sleep(5);                    // let the writer hand blocks back
        }

        RecordingResult result = completed(recorder.stop());

        short[] mix = mono(dir.resolve("reused.wav"));
        boolean[] caller = new boolean[100];
        boolean[] callee = new boolean[100];
        for (int f = 0; f < 100; f++) {
            caller[f] = f % 10 < 5;
            callee[f] = f % 10 >= 5;
        }
        assertThat(result.duration()).isEqualTo(Duration.ofMillis(100 * 20));
        assertThat(new ToneDetector(CALLER_HZ).presenceByFrame(mix)).isEqualTo(caller);
        assertThat(new ToneDetector(CALLEE_HZ).presenceByFrame(mix)).isEqualTo(callee);
    }

    @Test
    void pausedTimeIsSkipped() throws Exception {
        Recorder recorder = Recorder.create(RecordingSpec.mixed(dir, "paused", List.of("caller", "callee")).withMp3Kbps(0));
        recorder.start();
        talk(recorder, 50, 0, 50, 0, 0);      // caller speaks, recorded
        assertThat(recorder.pause()).isTrue();
        talk(recorder, 50, 0, 0, 0, 50);      // callee speaks while paused: not recorded
        assertThat(recorder.resume()).isTrue();
        talk(recorder, 30, 0, 30, 0, 0);

        RecordingResult result = completed(recorder.stop());

        short[] mix = mono(dir.resolve("paused.wav"));
        assertThat(result.duration()).isEqualTo(Duration.ofMillis(80 * 20));
        assertThat(new ToneDetector(CALLER_HZ).presenceByFrame(mix)).isEqualTo(expected(80, 0, 80));
        assertThat(new ToneDetector(CALLEE_HZ).presenceByFrame(mix)).isEqualTo(expected(80, 0, 0));
    }

    @Test
    void aPausedRecordingHasSilenceWhereThePauseWasWhenTheTimelineIsKept() throws Exception {
        Recorder recorder = Recorder.create(RecordingSpec.mixed(dir, "timeline", List.of("caller", "callee"))
                .withMp3Kbps(0).withPartyChannels(PartyChannels.STEREO).withPausedTime(PausedTime.SILENCE));
        recorder.start();
        talk(recorder, 50, 0, 50, 0, 50);     // both speak, recorded
        assertThat(recorder.pause()).isTrue();
        talk(recorder, 40, 0, 40, 0, 40);     // both speak while paused: silence in the file
        assertThat(recorder.resume()).isTrue();
        talk(recorder, 30, 0, 30, 0, 30);

        RecordingResult result = completed(recorder.stop());

        short[] mix = mono(dir.resolve("timeline.wav"));
        assertThat(result.duration()).isEqualTo(Duration.ofMillis(120 * 20));
        boolean[] spoken = expected(120, 0, 50);
        for (int i = 90; i < 120; i++) {
            spoken[i] = true;
        }
        assertThat(new ToneDetector(CALLER_HZ).presenceByFrame(mix)).isEqualTo(spoken);
        assertThat(new ToneDetector(CALLEE_HZ).presenceByFrame(mix)).isEqualTo(spoken);
        assertThat(SignalLevel.isSilent(java.util.Arrays.copyOfRange(mix, 50 * Pcm.FRAME_SAMPLES, 90 * Pcm.FRAME_SAMPLES)))
                .isTrue();
        WavContent stereo = WavReader.decode(dir.resolve("timeline-stereo.wav"), Long.MAX_VALUE).orElseThrow();
        assertThat(stereo.frames()).isEqualTo(120 * Pcm.FRAME_SAMPLES);
        assertThat(SignalLevel.isSilent(java.util.Arrays.copyOfRange(stereo.channel(1), 50 * Pcm.FRAME_SAMPLES,
                90 * Pcm.FRAME_SAMPLES))).isTrue();
    }

    @Test
    void audioSentBeforeStartOrDuringPauseIsNotReplayedLater() throws Exception {
        Recorder recorder = Recorder.create(RecordingSpec.mixed(dir, "late", List.of("caller", "callee")).withMp3Kbps(0));
        recorder.party("caller").write(ToneGenerator.sine(CALLER_HZ, 0.3).read());
        recorder.tick();
        recorder.start();
        recorder.tick();
        recorder.pause();
        recorder.party("callee").write(ToneGenerator.sine(CALLEE_HZ, 0.3).read());
        recorder.tick();
        recorder.resume();
        recorder.tick();

        short[] mix = mono(completed(recorder.stop()).file(RecordedFile.Kind.MIXED_WAV).orElseThrow().path());

        assertThat(mix).hasSize(2 * Pcm.FRAME_SAMPLES);
        assertThat(SignalLevel.isSilent(mix)).isTrue();
    }

    @Test
    void fileIsReadableWhileTheCallIsStillRecording() throws Exception {
        Recorder recorder = Recorder.create(RecordingSpec.mixed(dir, "live", List.of("caller", "callee"))
                .withFlushInterval(Duration.ofMillis(100)).withMp3Kbps(0));
        recorder.start();
        talk(recorder, 50, 0, 50, 0, 0);
        Path wav = dir.resolve("live.wav");

        await().atMost(Duration.ofSeconds(5)).until(() -> readable(wav) == 50 * Pcm.FRAME_SAMPLES);

        assertThat(new ToneDetector(CALLER_HZ).presenceByFrame(mono(wav))).isEqualTo(expected(50, 0, 50));
        assertThat(recorder.state()).isEqualTo(RecordingState.RECORDING);
        talk(recorder, 2, 0, 2, 0, 0); // a partial block stays in memory until the next flush
        completed(recorder.stop());
        assertThat(mono(wav)).hasSize(52 * Pcm.FRAME_SAMPLES);
    }

    @Test
    void theClockAndRtpThreadsNeverWaitForTheDisk() throws Exception {
        AtomicReference<Runnable> heldWriter = new AtomicReference<>();
        Executor stalledDisk = heldWriter::set;
        Recorder recorder = Recorder.create(RecordingSpec.mixed(dir, "slow-disk", List.of("caller", "callee"))
                .withFlushInterval(Duration.ofMillis(20)).withMp3Kbps(0), stalledDisk, Runnable::run);
        recorder.start();

        talk(recorder, 100, 0, 100, 0, 100); // the writer has not run at all yet

        assertThat(Files.exists(dir.resolve("slow-disk.wav"))).isFalse();
        var outcome = recorder.stop();
        assertThat(outcome).isNotDone();
        Thread.ofVirtual().start(heldWriter.get());
        RecordingResult result = completed(outcome);
        assertThat(result.duration()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void stopBeforeStartRecordsNothing() throws Exception {
        Recorder recorder = Recorder.create(RecordingSpec.mixed(dir, "never", List.of("caller", "callee")));

        RecordingOutcome outcome = recorder.stop().get(5, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOf(RecordingOutcome.NotStarted.class);
        assertThat(recorder.tick()).isFalse();
        assertThat(recorder.start()).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anExistingFileIsNeverOverwrittenAndTheFailureIsAValue() throws Exception {
        Files.writeString(dir.resolve("taken.wav"), "earlier recording");
        Recorder recorder = Recorder.create(RecordingSpec.mixed(dir, "taken", List.of("caller", "callee")));
        recorder.start();

        RecordingOutcome outcome = recorder.outcome().get(5, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(RecordingOutcome.Failed.class,
                f -> assertThat(f.reason()).contains("taken.wav"));
        assertThat(Files.readString(dir.resolve("taken.wav"))).isEqualTo("earlier recording");
        assertThat(recorder.tick()).isFalse();
        assertThat(recorder.state()).isEqualTo(RecordingState.STOPPED);
    }

    @Test
    void filesCreatedBeforeAnOpeningFailureAreRemoved() throws Exception {
        Files.writeString(dir.resolve("dup-stereo.wav"), "earlier recording");
        Recorder recorder = Recorder.create(RecordingSpec.mixed(dir, "dup", List.of("caller", "callee"))
                .withPartyChannels(PartyChannels.STEREO));
        recorder.start();

        RecordingOutcome outcome = recorder.outcome().get(5, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(RecordingOutcome.Failed.class, f -> assertThat(f.files()).isEmpty());
        assertThat(dir.resolve("dup.wav")).doesNotExist();
        assertThat(Files.readString(dir.resolve("dup-stereo.wav"))).isEqualTo("earlier recording");
    }

    @Test
    void controlsAreIdempotentAndStartResumesAPause() {
        Recorder recorder = Recorder.create(RecordingSpec.mixed(dir, "ctl", List.of("caller", "callee")).withMp3Kbps(0));

        assertThat(recorder.pause()).isFalse();
        assertThat(recorder.resume()).isFalse();
        assertThat(recorder.start()).isTrue();
        assertThat(recorder.start()).isFalse();
        assertThat(recorder.pause()).isTrue();
        assertThat(recorder.pause()).isFalse();
        assertThat(recorder.start()).isTrue();
        assertThat(recorder.state()).isEqualTo(RecordingState.RECORDING);
        recorder.stop();
        assertThat(recorder.stop()).isSameAs(recorder.outcome());
        assertThat(recorder.state()).isEqualTo(RecordingState.STOPPED);
    }

    @Test
    void specRefusesUnsafeNamesAndImpossibleLayouts() {
        List<String> two = List.of("a", "b");
        assertThat(catching(() -> RecordingSpec.mixed(dir, "../etc/passwd", two))).isInstanceOf(IllegalArgumentException.class);
        assertThat(catching(() -> RecordingSpec.mixed(dir, ".hidden", two))).isInstanceOf(IllegalArgumentException.class);
        assertThat(catching(() -> RecordingSpec.mixed(dir, "ok", List.of("a/b", "c")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(catching(() -> RecordingSpec.mixed(dir, "ok", List.of("a", "a")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(catching(() -> RecordingSpec.mixed(dir, "ok", List.of("a", "b", "c")).withPartyChannels(PartyChannels.STEREO)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(catching(() -> RecordingSpec.mixed(dir, "ok", two).withMp3Kbps(20))).isInstanceOf(IllegalArgumentException.class);
        assertThat(catching(() -> RecordingSpec.mixed(dir, "ok", two).withFlushInterval(Duration.ofMillis(30))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Ticks the recorder; the caller speaks in [callerFrom, callerTo), the callee in [calleeFrom, calleeTo). */
    private static void talk(Recorder recorder, int ticks, int callerFrom, int callerTo, int calleeFrom, int calleeTo) {
        FrameSink caller = recorder.party(0);
        FrameSink callee = recorder.party(1);
        ToneGenerator callerVoice = ToneGenerator.sine(CALLER_HZ, 0.3);
        ToneGenerator calleeVoice = ToneGenerator.sine(CALLEE_HZ, 0.3);
        for (int t = 0; t < ticks; t++) {
            if (t >= callerFrom && t < callerTo) {
                caller.write(callerVoice.read());
            }
            if (t >= calleeFrom && t < calleeTo) {
                callee.write(calleeVoice.read());
            }
            recorder.tick();
        }
    }

    private static boolean[] expected(int frames, int from, int to) {
        boolean[] b = new boolean[frames];
        for (int i = from; i < to; i++) {
            b[i] = true;
        }
        return b;
    }

    private static RecordingResult completed(java.util.concurrent.CompletableFuture<RecordingOutcome> outcome)
            throws InterruptedException, ExecutionException, TimeoutException {
        RecordingOutcome o = outcome.get(30, TimeUnit.SECONDS);
        assertThat(o).isInstanceOf(RecordingOutcome.Completed.class);
        return ((RecordingOutcome.Completed) o).result();
    }

    private static short[] mono(Path wav) {
        WavContent content = WavReader.decode(wav, Long.MAX_VALUE).orElseThrow();
        assertThat(content.format()).isEqualTo(WavFormat.TELEPHONY);
        return content.channel(0);
    }

    private static int readable(Path wav) throws IOException {
        if (!Files.exists(wav)) {
            return -1;
        }
        return WavReader.decode(Files.readAllBytes(wav)) instanceof WavResult.Accepted<WavContent> a ? a.value().frames() : -1;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static Throwable catching(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
