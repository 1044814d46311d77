package io.ramal.pbx.ivr;

import io.ramal.cti.ivr.IvrMenu;
import io.ramal.cti.ivr.IvrTarget;
import io.ramal.pbx.ivr.MenuStep.Choice;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One caller's walk through a tenant's voice menus. Facts in — the prompt ended, a key, the wait for
 * a key timed out, the chosen destination could not be reached — and {@link MenuStep}s out. No clock
 * and no media: waits are steps with a turn number, and a timeout of an older turn is ignored.
 *
 * <ul>
 *   <li>A key during the prompt or the wait after it chooses: an option's target; an invalid key the
 *       menu's invalid target, or a replay when it has none.</li>
 *   <li>No key before the timeout replays the prompt. Replays (after timeouts or invalid keys) are
 *       counted per menu; past {@code maxRetries} the caller goes to the default target, or is hung up.</li>
 *   <li>A menu target enters that menu (its replays counted afresh); an unknown menu counts as a
 *       destination that failed.</li>
 *   <li>A destination that failed (busy, no answer, unknown) brings the caller back to the menu it was
 *       chosen in, as one more replay; a default target that failed hangs up. A queue that turned the
 *       caller away at once (full, or gone) is such a destination too, although the walk had ended when
 *       the caller was handed to it.</li>
 *   <li>At most {@value #MAX_MENUS} menus per call, so menus pointing at each other cannot keep a
 *       silent caller forever.</li>
 * </ul>
 * Not thread-safe: the call's shard drives it.
 */
public final class MenuWalk {
  /** The most menus one call enters (counting re-entries). */
  public static final int MAX_MENUS = 20;

  private enum Phase { NEW, PLAYING, WAITING, ROUTED, DONE }

  private final Function<String, Optional<IvrMenu>> menus;
  private IvrMenu menu;
  private Phase phase = Phase.NEW;
  private int replays;
  private int entered;
  private long turn;
  private Choice routedBy;
  /** Where the last route sent the caller (null before one, and after a hang-up). */
  private IvrTarget routedTo;

  /** A walk whose menu targets are looked up in {@code menus} (the caller's tenant's). */
  public MenuWalk(Function<String, Optional<IvrMenu>> menus) {
    this.menus = Objects.requireNonNull(menus, "menus");
  }

  /** The caller reaches {@code first} (answered, the prompt about to play). */
  public List<MenuStep> start(IvrMenu first) {
    if (phase != Phase.NEW) throw new IllegalStateException("the walk has started");
    List<MenuStep> steps = new ArrayList<>();
    enter(first, steps);
    return steps;
  }

  /** The menu the caller is in (or was in last). */
  public Optional<IvrMenu> menu() {
    return Optional.ofNullable(menu);
  }

  /** True while the caller is in a menu: hearing its prompt or expected to press a key. */
  public boolean inMenu() {
    return phase == Phase.PLAYING || phase == Phase.WAITING;
  }

  /** True once the walk has ended (routed for good or hung up). */
  public boolean done() {
    return phase == Phase.DONE;
  }

  /** The current prompt played to its end (or was cut short): the wait for a key begins. */
  public List<MenuStep> promptEnded() {
    if (phase != Phase.PLAYING) return List.of();
    phase = Phase.WAITING;
    return List.of(new MenuStep.Wait(turn, menu.timeout()));
  }

  /** No key came within the wait of {@code waited}. */
  public List<MenuStep> timedOut(long waited) {
    if (phase != Phase.WAITING || waited != turn) return List.of();
    List<MenuStep> steps = new ArrayList<>();
    replayOrDefault("no key pressed", steps);
    return steps;
  }

  /** The caller pressed {@code key}. */
  public List<MenuStep> key(char key) {
    if (!inMenu()) return List.of();
    List<MenuStep> steps = new ArrayList<>();
    Optional<IvrTarget> option = menu.option(key);
    if (option.isPresent()) {
      go(option.get(), Choice.KEY, steps);
    } else if (menu.invalidTarget().isPresent()) {
      go(menu.invalidTarget().get(), Choice.INVALID, steps);
    } else {
      replayOrDefault("invalid key " + key, steps);
    }
    return steps;
  }

  /** The destination of the last {@link MenuStep.Route} could not be reached. */
  public List<MenuStep> routeFailed() {
    if (phase != Phase.ROUTED) return List.of();
    List<MenuStep> steps = new ArrayList<>();
    if (routedBy == Choice.DEFAULT) {
      finish(new MenuStep.HangUp("the default destination of menu " + menu.name() + " could not be reached"), steps);
    } else {
      reenter(steps);
    }
    return steps;
  }

  /** The destination answered or took the caller (a queue): the walk is over. */
  public void routed() {
    if (phase == Phase.ROUTED) phase = Phase.DONE;
  }

  /**
   * The queue the last route handed the caller to turned it away at once (it was full, or is gone): as
   * {@link #routeFailed()}. Nothing after any other route, or once the walk hung up.
   */
  public List<MenuStep> turnedAway() {
    if (phase != Phase.DONE || !(routedTo instanceof IvrTarget.Queue)) return List.of();
    phase = Phase.ROUTED;
    return routeFailed();
  }

  private void replayOrDefault(String why, List<MenuStep> steps) {
    if (replays < menu.maxRetries()) {
      replays++;
      play(steps);
      return;
    }
    Optional<IvrTarget> fallback = menu.defaultTarget();
    if (fallback.isPresent()) {
      go(fallback.get(), Choice.DEFAULT, steps);
    } else {
      finish(new MenuStep.HangUp(why + " in menu " + menu.name() + " after " + replays + " replays"), steps);
    }
  }

  private void go(IvrTarget target, Choice why, List<MenuStep> steps) {
    if (target instanceof IvrTarget.Menu m) {
      Optional<IvrMenu> next = menus.apply(m.value());
      if (next.isEmpty()) {
        // an unknown menu is a destination that cannot be reached
        if (why == Choice.DEFAULT) {
          finish(new MenuStep.HangUp("menu " + menu.name() + " leads to unknown menu " + m.value()), steps);
        } else {
          reenter(steps);
        }
        return;
      }
      steps.add(new MenuStep.Moved(menu, next.get(), why));
      enter(next.get(), steps);
      return;
    }
    phase = Phase.ROUTED;
    routedBy = why;
    routedTo = target;
    steps.add(new MenuStep.Route(target, menu, why));
  }

  /** Back in the current menu after a failed destination: one more replay, or the default. */
  private void reenter(List<MenuStep> steps) {
    if (replays >= menu.maxRetries() && menu.defaultTarget().isEmpty()) {
      finish(new MenuStep.HangUp("no destination of menu " + menu.name() + " could be reached"), steps);
      return;
    }
    if (++entered > MAX_MENUS) {
      finish(new MenuStep.HangUp("more than " + MAX_MENUS + " menus in one call"), steps);
      return;
    }
    steps.add(new MenuStep.Entered(menu));
    replayOrDefault("no destination reached", steps);
  }

  private void enter(IvrMenu next, List<MenuStep> steps) {
    if (++entered > MAX_MENUS) {
      finish(new MenuStep.HangUp("more than " + MAX_MENUS + " menus in one call"), steps);
      return;
    }
    menu = next;
    replays = 0;
    steps.add(new MenuStep.Entered(next));
    play(steps);
  }

  private void play(List<MenuStep> steps) {
    phase = Phase.PLAYING;
    turn++;
    steps.add(new MenuStep.Play(menu));
  }

  private void finish(MenuStep.HangUp hangUp, List<MenuStep> steps) {
    phase = Phase.DONE;
    routedTo = null;
    steps.add(hangUp);
  }
}
