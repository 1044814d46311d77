package io.ramal.pbx.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.media.Pcm;
import io.ramal.media.audio.SignalLevel;
import io.ramal.media.audio.ToneDetector;
import io.ramal.media.audio.WavContent;
import io.ramal.media.audio.WavReader;
import io.ramal.media.player.MusicOnHold;
import io.ramal.media.relay.EndpointSettings;
import io.ramal.media.rtp.RtpPortPool;
import io.ramal.pbx.core.Shard;
import io.ramal.pbx.directory.RecordingPolicy;
import io.ramal.pbx.media.AnchoredMediaPlane;
import io.ramal.pbx.media.CallMedia;
import io.ramal.pbx.media.MediaListener;
import io.ramal.pbx.record.RecordingReply.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call's recorder tapping real anchored media: two phones on loopback send tones as RTP
 * through an {@link AnchoredMediaPlane}; what lands in the files, the index and the CTI facts is
 * what a user of the recording would check.
 */
class CallRecordingTest {
  private static final double CALLER_HZ = 700;
  private static final double CALLEE_HZ = 1300;

  @TempDir
  Path dir;

  private final Shard shard = new Shard(0);
  private final FakeIndex index = new FakeIndex();
  private final FakeDirectory directory = new FakeDirectory();
  private final List<String> facts = new CopyOnWriteArrayList<>();
  private AnchoredMediaPlane plane;
  private Recordings recordings;
  private TonePhone caller;
  private TonePhone callee;

  @BeforeEach
  void start() {
    plane = new AnchoredMediaPlane(new RtpPortPool(34000, 34099),
        new AnchoredMediaPlane.Settings(EndpointSettings.loopback(), "127.0.0.1", Duration.ofSeconds(60)),
        InstantSource.system(), MusicOnHold.withDefaultMusic());
    recordings = new Recordings(new RecordingSettings(dir, true, 32, Duration.ofMillis(200)), index, directory,
        InstantSource.system());
    caller = new TonePhone(CALLER_HZ);
    callee = new TonePhone(CALLEE_HZ);
  }

  @AfterEach
  void stop() {
    caller.close();
    callee.close();
    recordings.close();
    plane.close();
    shard.close();
  }

  @Test
  void aRecordingHoldsBothPartiesWithSilenceWhereThePauseWasAndIsIndexedStepByStep() throws Exception {
    CallMedia media = answeredCall();
    CallRecording recording = onShard(() -> recordings.forCall("demo", "call1", Optional.of("1001"),
        Optional.of("1002"), media, shard, listener()));

    assertThat(act(recording, RecordingAction.START)).isEqualTo(new RecordingReply.Done("call1-1"));
    long t0 = System.nanoTime();
    Thread.sleep(1500);
    long pausedAt = millisSince(t0);
    assertThat(act(recording, RecordingAction.PAUSE)).isEqualTo(new RecordingReply.Done("call1-1"));
    Thread.sleep(1000);
    long resumedAt = millisSince(t0);
    assertThat(act(recording, RecordingAction.RESUME)).isEqualTo(new RecordingReply.Done("call1-1"));
    Thread.sleep(1000);
    long stoppedAt = millisSince(t0);
    assertThat(act(recording, RecordingAction.STOP)).isEqualTo(new RecordingReply.Done("call1-1"));

    RecordingChange.Mp3Ready mp3 = index.awaitChange(RecordingChange.Mp3Ready.class, "call1-1");
    assertThat(index.kinds("call1-1")).containsExactly("Started", "Paused", "Resumed", "Stopped", "WavReady", "Mp3Ready");
    assertThat(facts).containsExactly("started call1-1", "paused call1-1", "resumed call1-1", "stopped call1-1 api");

    RecordingChange.Started started = index.awaitChange(RecordingChange.Started.class, "call1-1");
    assertThat(started.wav().toString()).matches("demo/\\d{4}/\\d{2}/\\d{2}/call1-1\\.wav");
    assertThat(started.seq()).isEqualTo(1);
    RecordingChange.WavReady wav = index.awaitChange(RecordingChange.WavReady.class, "call1-1");
    assertThat(wav.wav().path()).isEqualTo(started.wav());
    assertThat(wav.duration().toMillis()).isCloseTo(stoppedAt, org.assertj.core.data.Offset.offset(200L));
    assertThat(Files.size(dir.resolve(wav.wav().path()))).isEqualTo(wav.wav().size());
    assertThat(wav.stereo()).isPresent();
    RecordingChange.Stopped stopped = index.awaitChange(RecordingChange.Stopped.class, "call1-1");
    assertThat(stopped.paused().toMillis()).isCloseTo(resumedAt - pausedAt, org.assertj.core.data.Offset.offset(100L));
    assertThat(mp3.mp3()).isPresent();
    assertThat(Files.size(dir.resolve(mp3.mp3().get().path()))).isEqualTo(mp3.mp3().get().size()).isPositive();

    short[] mix = WavReader.decode(dir.resolve(wav.wav().path()), Long.MAX_VALUE).orElseThrow().channel(0);
    assertThat(bothTones(mix, 150, pausedAt - 150)).as("before the pause").isTrue();
    assertThat(SignalLevel.isSilent(window(mix, pausedAt + 150, resumedAt - 150))).as("while paused").isTrue();
    assertThat(bothTones(mix, resumedAt + 250, stoppedAt - 150)).as("after resuming").isTrue();
    WavContent stereo = WavReader.decode(dir.resolve(wav.stereo().get().path()), Long.MAX_VALUE).orElseThrow();
    assertThat(new ToneDetector(CALLER_HZ).present(window(stereo.channel(0), 150, pausedAt - 150))).isTrue();
    assertThat(new ToneDetector(CALLEE_HZ).present(window(stereo.channel(0), 150, pausedAt - 150))).isFalse();
    assertThat(new ToneDetector(CALLEE_HZ).present(window(stereo.channel(1), 150, pausedAt - 150))).isTrue();
  }

  @Test
  void aStoppedCallIsRecordedAgainUnderTheNextNumberAndTheCallsEndStopsIt() throws Exception {
    CallMedia media = answeredCall();
    CallRecording recording = onShard(() -> recordings.forCall("demo", "call2", Optional.of("1001"),
        Optional.of("1002"), media, shard, listener()));

    assertThat(act(recording, RecordingAction.START)).isEqualTo(new RecordingReply.Done("call2-1"));
    assertThat(act(recording, RecordingAction.START)).isInstanceOfSatisfying(RecordingReply.Refused.class,
        r -> assertThat(r.reason()).isEqualTo(Reason.ALREADY_RECORDING));
    assertThat(act(recording, RecordingAction.RESUME)).isInstanceOfSatisfying(RecordingReply.Refused.class,
        r -> assertThat(r.reason()).isEqualTo(Reason.NOT_PAUSED));
    Thread.sleep(300);
    assertThat(act(recording, RecordingAction.STOP)).isEqualTo(new RecordingReply.Done("call2-1"));
    assertThat(act(recording, RecordingAction.PAUSE)).isInstanceOfSatisfying(RecordingReply.Refused.class,
        r -> assertThat(r.reason()).isEqualTo(Reason.NOT_RECORDING));
    assertThat(act(recording, RecordingAction.START)).isEqualTo(new RecordingReply.Done("call2-2"));
    Thread.sleep(300);
    onShard(() -> {
      recording.ended();
      media.close("caller hung up");
      return null;
    });

    assertThat(index.awaitChange(RecordingChange.Stopped.class, "call2-2").reason()).isEqualTo("call ended");
    index.awaitChange(RecordingChange.Mp3Ready.class, "call2-1");
    index.awaitChange(RecordingChange.Mp3Ready.class, "call2-2");
    assertThat(facts).containsExactly("started call2-1", "stopped call2-1 api", "started call2-2",
        "stopped call2-2 call ended");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (plane.availablePortPairs() != 50 && System.nanoTime() < deadline) Thread.sleep(5);
    assertThat(plane.availablePortPairs()).as("every port pair back once the media loop let go").isEqualTo(50);
  }

  @Test
  void policiesDecideWhetherACallIsRecordedUnasked() throws Exception {
    directory.tenantPolicy = RecordingPolicy.ALWAYS;
    CallMedia media = answeredCall();
    CallRecording always = onShard(() -> recordings.forCall("demo", "call3", Optional.of("1001"), Optional.of("1002"),
        media, shard, listener()));
    onShard(() -> {
      always.answered();
      return null;
    });
    assertThat(facts).containsExactly("started call3-1");

    directory.extensionPolicies.put("1002", RecordingPolicy.NEVER);
    CallRecording never = onShard(() -> recordings.forCall("demo", "call4", Optional.of("1001"), Optional.of("1002"),
        media, shard, listener()));
    onShard(() -> {
      never.answered();
      return null;
    });
    assertThat(act(never, RecordingAction.START)).isInstanceOfSatisfying(RecordingReply.Refused.class, r -> {
      assertThat(r.reason()).isEqualTo(Reason.FORBIDDEN_BY_POLICY);
      assertThat(r.message()).contains("extension 1002 is set to never");
    });
    assertThat(facts).containsExactly("started call3-1");
    onShard(() -> {
      always.ended();
      return null;
    });
  }

  @Test
  void directMediaCannotBeRecorded() throws Exception {
    CallRecording direct = onShard(() -> recordings.forCall("demo", "call5", Optional.of("1001"), Optional.of("1002"),
        CallMedia.DIRECT, shard, listener()));

    assertThat(act(direct, RecordingAction.START)).isInstanceOfSatisfying(RecordingReply.Refused.class, r -> {
      assertThat(r.reason()).isEqualTo(Reason.MEDIA_NOT_ANCHORED);
      assertThat(r.message()).contains("directly between the phones");
    });
    assertThat(index.changes).isEmpty();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  /** Offer from the caller, answer from the callee, answered: both phones talk to Ramal. */
  private CallMedia answeredCall() throws Exception {
    CallMedia media = onShard(() -> plane.open("call", "demo", shard, MediaListener.NONE));
    byte[] toCallee = onShard(() -> ((CallMedia.Outcome.Forward) media.fromSide(CallMedia.Side.CALLER,
        CallMedia.Kind.OFFER, caller.sdp())).body());
    byte[] toCaller = onShard(() -> ((CallMedia.Outcome.Forward) media.fromSide(CallMedia.Side.CALLEE,
        CallMedia.Kind.ANSWER, callee.sdp())).body());
    onShard(() -> {
      media.answered(CallMedia.Side.CALLEE);
      return null;
    });
    caller.talkTo(TonePhone.portIn(toCaller));
    callee.talkTo(TonePhone.portIn(toCallee));
    Thread.sleep(200); // the first packets latch both endpoints
    return media;
  }

  private RecordingListener listener() {
    return new RecordingListener() {
      @Override
      public void started(String recordingId, java.time.Instant at) {
        facts.add("started " + recordingId);
      }

      @Override
      public void paused(String recordingId, java.time.Instant at) {
        facts.add("paused " + recordingId);
      }

      @Override
      public void resumed(String recordingId, java.time.Instant at) {
        facts.add("resumed " + recordingId);
      }

      @Override
      public void stopped(String recordingId, String reason, java.time.Instant at) {
        facts.add("stopped " + recordingId + " " + reason);
      }
    };
  }

  private RecordingReply act(CallRecording recording, RecordingAction action) throws Exception {
    return onShard(() -> recording.act(action)).get(10, TimeUnit.SECONDS);
  }

  private <T> T onShard(java.util.concurrent.Callable<T> task) {
    return shard.call(task);
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static short[] window(short[] samples, long fromMillis, long toMillis) {
    int from = (int) (fromMillis * Pcm.SAMPLE_RATE / 1000);
    int to = (int) Math.min(samples.length, toMillis * Pcm.SAMPLE_RATE / 1000);
    assertThat(to).as("the window [%d, %d) ms lies in the file", fromMillis, toMillis).isGreaterThan(from);
    return Arrays.copyOfRange(samples, from, to);
  }

  private static boolean bothTones(short[] mix, long fromMillis, long toMillis) {
    short[] part = window(mix, fromMillis, toMillis);
    return new ToneDetector(CALLER_HZ).present(part) && new ToneDetector(CALLEE_HZ).present(part);
  }
}
