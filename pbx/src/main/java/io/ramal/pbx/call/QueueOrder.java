package io.ramal.pbx.call;

import io.ramal.cti.Language;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What the queue core asks of a call waiting in a queue; carried out on the call's shard. */
public sealed interface QueueOrder {
  /** Ring agent device {@code device} (an extension) for the caller, who keeps hearing music. */
  record Offer(String device) implements QueueOrder {
    public Offer {
      Objects.requireNonNull(device, "device");
    }
  }

  /** Stop ringing {@code device} for the caller. */
  record Withdraw(String device) implements QueueOrder {
    public Withdraw {
      Objects.requireNonNull(device, "device");
    }
  }

  /** The caller now waits in queue {@code queue} instead (an overflow to another queue). */
  record Requeue(String queue) implements QueueOrder {
    public Requeue {
      Objects.requireNonNull(queue, "queue");
    }
  }

  /** Take the caller out of the queue and call {@code number} (an extension or external number) for it. */
  record SendOn(String number) implements QueueOrder {
    public SendOn {
      Objects.requireNonNull(number, "number");
    }
  }

  /**
   * Tell the caller its place: {@code position} of {@code waiting} callers in {@code queue}. Music stops,
   * the caller hears its position spoken in {@code language} (and {@code estimatedWait}, when given, in
   * minutes), then {@code prompt} (the reference of the queue's announcement, an uploaded prompt) if
   * there is one, and music again.
   */
  record Announce(String queue, int position, int waiting, Optional<String> prompt, Language language,
      Optional<Duration> estimatedWait) implements QueueOrder {
    public Announce {
      Objects.requireNonNull(queue, "queue");
      Objects.requireNonNull(prompt, "prompt");
      Objects.requireNonNull(language, "language");
      Objects.requireNonNull(estimatedWait, "estimatedWait");
    }
  }

  /**
   * Hang the caller up. {@code turnedAway}: the queue never took the caller in (it was full, or does not
   * exist); a caller a voice menu sent there goes back to that menu instead.
   */
  record Release(String cause, boolean turnedAway) implements QueueOrder {
    public Release {
      Objects.requireNonNull(cause, "cause");
    }
  }
}
