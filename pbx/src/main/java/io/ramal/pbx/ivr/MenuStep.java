package io.ramal.pbx.ivr;

import io.ramal.cti.ivr.IvrMenu;
import io.ramal.cti.ivr.IvrTarget;
import java.time.Duration;
import java.util.Objects;

/** What a {@link MenuWalk} asks of whoever carries it out, in order. */
public sealed interface MenuStep {
  /** The caller is in {@code menu} now (first, or again after its choice could not be reached). */
  record Entered(IvrMenu menu) implements MenuStep {
    public Entered {
      Objects.requireNonNull(menu, "menu");
    }
  }

  /** Play {@code menu}'s prompt to the caller (replacing whatever plays), a key cutting it short. */
  record Play(IvrMenu menu) implements MenuStep {
    public Play {
      Objects.requireNonNull(menu, "menu");
    }
  }

  /** The prompt ended: wait {@code timeout} for a key, then report {@link MenuWalk#timedOut(long)} with {@code turn}. */
  record Wait(long turn, Duration timeout) implements MenuStep {
    public Wait {
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  /**
   * Send the caller to {@code target} (never a menu: the walk enters menus itself) from {@code from};
   * {@code why} says what chose it. Report {@link MenuWalk#routeFailed()} if it cannot be reached.
   */
  record Route(IvrTarget target, IvrMenu from, Choice why) implements MenuStep {
    public Route {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(why, "why");
      if (target instanceof IvrTarget.Menu) throw new IllegalArgumentException("a menu is entered, not routed to");
    }
  }

  /**
   * The caller leaves {@code from} for {@code to}, another menu ({@link Entered} and {@link Play} of it
   * follow).
   */
  record Moved(IvrMenu from, IvrMenu to, Choice why) implements MenuStep {
    public Moved {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(why, "why");
    }
  }

  /** Hang the caller up; {@code cause} says why. */
  record HangUp(String cause) implements MenuStep {
    public HangUp {
      Objects.requireNonNull(cause, "cause");
    }
  }

  /** What chose a target: a key's option, the default after the replays, or the invalid-key target. */
  enum Choice {
    KEY, DEFAULT, INVALID;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
