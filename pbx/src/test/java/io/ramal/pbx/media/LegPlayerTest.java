package io.ramal.pbx.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.media.FrameSource;
import io.ramal.media.Pcm;
import io.ramal.media.audio.Clip;
import io.ramal.media.dtmf.DtmfDigit;
import io.ramal.media.player.PlaybackEnd;
import io.ramal.media.player.Prompt;
import io.ramal.pbx.media.CallMedia.Side;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The media clock is the test pulling frames from what the leg is fed; the shard is a queue of tasks
 * the test runs when it chooses.
 */
class LegPlayerTest {
  private final RecordingMedia media = new RecordingMedia();
  private final ArrayDeque<Runnable> shard = new ArrayDeque<>();
  private final List<String> heard = new ArrayList<>();
  private final LegPlayer player = new LegPlayer(media, Side.CALLER, shard::add, new LegPlayer.Listener() {
    @Override
    public void promptEnded(long prompt, PlaybackEnd how) {
      heard.add("ended " + prompt + " " + how);
    }

    @Override
    public void keyPressed(char key, Duration duration) {
      heard.add("key " + key);
    }
  });

  @Test
  void aPromptPlaysIntoItsLegAndItsEndIsReportedOnTheShard() {
    long first = player.play(clip(2), Prompt.Repeat.ONCE, true).orElseThrow();

    tick(3);
    assertThat(heard).as("nothing before the shard runs").isEmpty();
    runShard();

    assertThat(media.sides).containsExactly(Side.CALLER);
    assertThat(heard).containsExactly("ended " + first + " FINISHED");
    assertThat(media.feeding()).as("silence keeps the leg's RTP going").isTrue();
    assertThat(media.feed.read()).containsOnly((short) 0);
  }

  @Test
  void aKeyStopsABargeInPromptAndIsHandedOnWhilePlayingAndAfter() {
    long first = player.play(clip(100), Prompt.Repeat.ONCE, true).orElseThrow();
    tick(1);

    player.keyPressed('1', Duration.ofMillis(100));
    runShard();
    player.keyPressed('2', Duration.ofMillis(100));

    assertThat(heard).containsExactly("key 1", "ended " + first + " INTERRUPTED", "key 2");
    assertThat(player.playing()).isFalse();
  }

  @Test
  void aNewPromptReplacesTheOldOneWhoseEndIsNeverReported() {
    player.play(clip(100), Prompt.Repeat.ONCE, true);
    FrameSource old = media.feed;
    long second = player.play(clip(1), Prompt.Repeat.ONCE, true).orElseThrow();
    tick(2);
    runShard();

    assertThat(media.closed).as("the old feed was handed back").isEqualTo(1);
    assertThat(old.read()).as("the old prompt was stopped").containsOnly((short) 0);
    assertThat(heard).containsExactly("ended " + second + " FINISHED");
  }

  @Test
  void stopGivesTheLegBackAndSilencesTheEndReport() {
    player.play(clip(1), Prompt.Repeat.ONCE, true);
    tick(2);

    player.stop();
    runShard();

    assertThat(media.closed).isEqualTo(1);
    assertThat(media.feeding()).isFalse();
    assertThat(heard).isEmpty();
  }

  @Test
  void withoutAnchoredMediaNothingPlays() {
    media.anchored = false;

    assertThat(player.play(clip(1), Prompt.Repeat.ONCE, true)).isEqualTo(OptionalLong.empty());
    player.stop();
  }

  private void tick(int frames) {
    for (int i = 0; i < frames; i++) media.feed.read();
  }

  private void runShard() {
    while (!shard.isEmpty()) shard.poll().run();
  }

  private static Clip clip(int frames) {
    short[] s = new short[frames * Pcm.FRAME_SAMPLES];
    Arrays.fill(s, (short) 500);
    return Clip.of(s);
  }

  /** Records what the player asks of a call's media. */
  private static final class RecordingMedia implements CallMedia {
    final List<Side> sides = new ArrayList<>();
    FrameSource feed;
    int closed;
    boolean anchored = true;

    boolean feeding() {
      return feed != null;
    }

    @Override
    public Optional<AutoCloseable> play(Side side, FrameSource frames) {
      if (!anchored) return Optional.empty();
      sides.add(side);
      feed = frames;
      return Optional.of(() -> {
        closed++;
        feed = null;
      });
    }

    @Override
    public Outcome fromSide(Side from, Kind kind, byte[] body) {
      return new Outcome.Forward(body);
    }

    @Override
    public Outcome offer(Side to) {
      return new Outcome.Refuse(488, "no");
    }

    @Override
    public Outcome reoffer(Side from, byte[] offer) {
      return new Outcome.Forward(offer);
    }

    @Override
    public void answered(Side answeredBy) {}

    @Override
    public void close(String cause) {}

    @Override
    public ControlOutcome hold(Side holder, boolean hold) {
      return ControlOutcome.DONE;
    }

    @Override
    public ControlOutcome mute(Side party, boolean mute) {
      return ControlOutcome.DONE;
    }

    @Override
    public ControlOutcome sendDigits(Side from, List<DtmfDigit> digits, Duration gap) {
      return ControlOutcome.DONE;
    }
  }
}
