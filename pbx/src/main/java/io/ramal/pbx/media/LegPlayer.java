package io.ramal.pbx.media;

import io.ramal.media.audio.Clip;
import io.ramal.media.player.PlaybackEnd;
import io.ramal.media.player.Prompt;
import io.ramal.pbx.media.CallMedia.Side;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

/**
 * Plays prompts into one leg of a call and hands that leg's key presses (RFC 4733 or SIP INFO, as
 * the signalling reports them) to a listener, while a prompt plays and after. One prompt at a time:
 * a new one replaces the one playing. Each prompt gets a number, and the listener hears of its end
 * (played out, or cut short by a key) only while it is the current prompt, on the call's shard.
 * Between prompts and after the last one the leg hears silence until {@link #stop()} gives it back
 * to what it heard before. Shard thread only, except for the end reports, which hop onto it.
 */
public final class LegPlayer implements AutoCloseable {
  /** What the owner of the leg's prompts learns, on the call's shard. */
  public interface Listener {
    /** Prompt {@code prompt} ended: {@link PlaybackEnd#FINISHED} played out, or cut short by a key. */
    void promptEnded(long prompt, PlaybackEnd how);

    /** The party on the leg pressed {@code key}. */
    void keyPressed(char key, Duration duration);
  }

  private final CallMedia media;
  private final Side side;
  private final Executor shard;
  private final Listener listener;
  private long numbered;
  private long current;
  private Prompt prompt;
  private AutoCloseable feed;

  public LegPlayer(CallMedia media, Side side, Executor shard, Listener listener) {
    this.media = Objects.requireNonNull(media, "media");
    this.side = Objects.requireNonNull(side, "side");
    this.shard = Objects.requireNonNull(shard, "shard");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  public Side side() {
    return side;
  }

  /**
   * Plays {@code clip} into the leg ({@code bargeIn}: the first key stops it); the prompt's number,
   * or empty when the call's audio does not pass through Ramal.
   */
  public OptionalLong play(Clip clip, Prompt.Repeat repeat, boolean bargeIn) {
    stop();
    long number = ++numbered;
    Prompt next = Prompt.of(clip, repeat, bargeIn, how -> shard.execute(() -> {
      if (current == number) listener.promptEnded(number, how);
    }));
    Optional<AutoCloseable> handle = media.play(side, next);
    if (handle.isEmpty()) return OptionalLong.empty();
    prompt = next;
    feed = handle.get();
    current = number;
    return OptionalLong.of(number);
  }

  /** A key from the leg's party: stops a barge-in prompt, then the listener hears of the key. */
  public void keyPressed(char key, Duration duration) {
    if (prompt != null) prompt.keyPressed();
    listener.keyPressed(key, duration);
  }

  /** Whether a prompt is playing now (not yet ended). */
  public boolean playing() {
    return prompt != null && prompt.playing();
  }

  /** Stops the prompt (its end is not reported) and gives the leg back to what it heard before. */
  public void stop() {
    current = 0;
    if (prompt != null) prompt.stop();
    prompt = null;
    if (feed != null) {
      try {
        feed.close();
      } catch (Exception e) {
        throw new IllegalStateException("a media feed's handle cannot fail", e);
      }
    }
    feed = null;
  }

  @Override
  public void close() {
    stop();
  }
}
