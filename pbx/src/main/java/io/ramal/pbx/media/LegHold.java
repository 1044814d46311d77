package io.ramal.pbx.media;

import java.util.Objects;
import java.util.Optional;

/**
 * Who holds on one leg: its phone (the last re-offer said {@code sendonly} or {@code inactive}),
 * the server (a hold command), both, or nobody. When both hold, the server's hold is the one that
 * counts: the phone's own hold and resume change nothing until the server retrieves, and then the
 * phone's hold, if still on, shows as a hold of its own. Pure; the call's shard owns it.
 */
final class LegHold {
  /** The holder before and after one change; {@link #moved()} when the outside world should hear of it. */
  record Change(Optional<HoldOrigin> before, Optional<HoldOrigin> after) {
    Change {
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
    }

    boolean moved() {
      return !before.equals(after);
    }
  }

  private boolean phone;
  private boolean server;

  /** Who holds now, if anyone. */
  Optional<HoldOrigin> holder() {
    return server ? Optional.of(HoldOrigin.SERVER) : phone ? Optional.of(HoldOrigin.PHONE) : Optional.empty();
  }

  boolean byPhone() {
    return phone;
  }

  boolean byServer() {
    return server;
  }

  /** The phone's latest offer holds ({@code true}) or does not. */
  Change phone(boolean holds) {
    Optional<HoldOrigin> before = holder();
    phone = holds;
    return new Change(before, holder());
  }

  /** A hold ({@code true}) or retrieve command was carried out. */
  Change server(boolean holds) {
    Optional<HoldOrigin> before = holder();
    server = holds;
    return new Change(before, holder());
  }
}
