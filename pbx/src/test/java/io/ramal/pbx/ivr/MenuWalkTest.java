package io.ramal.pbx.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.ivr.IvrMenu;
import io.ramal.cti.ivr.IvrTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Steps are written as short strings: {@code entered main}, {@code play main}, {@code wait 5s}, {@code route …}. */
class MenuWalkTest {
  private static final IvrMenu BILLING = new IvrMenu("billing", Optional.empty(),
      Map.of('1', new IvrTarget.Queue("billing")), Duration.ofSeconds(3), 0, Optional.empty(), Optional.empty());
  private static final IvrMenu MAIN = new IvrMenu("main", Optional.empty(), Map.of(
      '1', new IvrTarget.Extension("1002"),
      '2', new IvrTarget.Queue("sales"),
      '3', new IvrTarget.ExternalNumber("+551130001000"),
      '4', new IvrTarget.Menu("billing"),
      '8', new IvrTarget.Menu("nosuch")),
      Duration.ofSeconds(5), 2, Optional.of(new IvrTarget.Extension("1001")), Optional.empty());
  private final Map<String, IvrMenu> menus = Map.of("main", MAIN, "billing", BILLING);
  private final MenuWalk walk = new MenuWalk(name -> Optional.ofNullable(menus.get(name)));

  @Test
  void theCallerEntersTheMenuAndHearsItsPrompt() {
    assertThat(text(walk.start(MAIN))).containsExactly("entered main", "play main");
    assertThat(walk.inMenu()).isTrue();
  }

  @Test
  void aKeyDuringThePromptRoutesToItsOption() {
    walk.start(MAIN);

    assertThat(text(walk.key('1'))).containsExactly("route extension:1002 from main by key");
    assertThat(walk.inMenu()).isFalse();
    assertThat(walk.key('2')).as("keys after the choice change nothing").isEmpty();
    walk.routed();
    assertThat(walk.done()).isTrue();
  }

  @Test
  void aKeyWhileWaitingAfterThePromptRoutesToo() {
    walk.start(MAIN);
    assertThat(text(walk.promptEnded())).containsExactly("wait 1 5s");

    assertThat(text(walk.key('3'))).containsExactly("route number:+551130001000 from main by key");
  }

  @Test
  void noKeyReplaysThePromptUpToTheRetriesThenGoesToTheDefault() {
    walk.start(MAIN);
    walk.promptEnded();
    assertThat(text(walk.timedOut(1))).containsExactly("play main");
    walk.promptEnded();
    assertThat(text(walk.timedOut(2))).containsExactly("play main");
    walk.promptEnded();

    assertThat(text(walk.timedOut(3))).containsExactly("route extension:1001 from main by default");
  }

  @Test
  void aTimeoutOfAnEarlierWaitIsIgnored() {
    walk.start(MAIN);
    walk.promptEnded();
    walk.timedOut(1);

    assertThat(walk.timedOut(1)).as("the wait of turn 1 is over").isEmpty();
    assertThat(walk.promptEnded()).hasSize(1);
  }

  @Test
  void anInvalidKeyReplaysWhenTheMenuHasNoInvalidTargetAndCountsAsARetry() {
    walk.start(MAIN);

    assertThat(text(walk.key('9'))).containsExactly("play main");
    assertThat(text(walk.key('9'))).containsExactly("play main");
    assertThat(text(walk.key('9'))).containsExactly("route extension:1001 from main by default");
  }

  @Test
  void anInvalidKeyGoesToTheInvalidTargetWhenThereIsOne() {
    IvrMenu strict = new IvrMenu("strict", Optional.empty(), Map.of('1', new IvrTarget.Extension("1002")),
        Duration.ofSeconds(5), 2, Optional.empty(), Optional.of(new IvrTarget.Extension("1003")));
    walk.start(strict);

    assertThat(text(walk.key('#'))).containsExactly("route extension:1003 from strict by invalid");
  }

  @Test
  void withoutADefaultTheCallerIsHungUpAfterTheReplays() {
    walk.start(BILLING);
    walk.promptEnded();

    List<MenuStep> steps = walk.timedOut(1);

    assertThat(steps).singleElement().isInstanceOf(MenuStep.HangUp.class);
    assertThat(((MenuStep.HangUp) steps.get(0)).cause()).contains("no key pressed in menu billing");
    assertThat(walk.done()).isTrue();
  }

  @Test
  void aMenuOptionEntersThatMenuWithItsOwnRetries() {
    walk.start(MAIN);
    walk.key('9'); // one replay in main

    assertThat(text(walk.key('4'))).containsExactly("moved main -> billing by key", "entered billing", "play billing");
    walk.promptEnded();
    assertThat(walk.timedOut(3)).singleElement().isInstanceOf(MenuStep.HangUp.class);
  }

  @Test
  void aDestinationThatFailedBringsTheCallerBackToTheMenuAsOneMoreReplay() {
    walk.start(MAIN);
    walk.key('1');

    assertThat(text(walk.routeFailed())).containsExactly("entered main", "play main");
    walk.key('1');
    walk.routeFailed();
    walk.key('1');
    assertThat(text(walk.routeFailed())).as("the replays are used up").containsExactly("entered main",
        "route extension:1001 from main by default");
  }

  @Test
  void aQueueThatTurnedTheCallerAwayBringsItBackToTheMenuAfterTheWalkHadEnded() {
    walk.start(MAIN);
    walk.key('2');
    walk.routed();
    assertThat(walk.done()).isTrue();

    assertThat(text(walk.turnedAway())).containsExactly("entered main", "play main");
    assertThat(walk.inMenu()).isTrue();
    walk.key('2');
    walk.routed();
    walk.turnedAway();
    walk.key('2');
    walk.routed();
    assertThat(text(walk.turnedAway())).as("the replays are used up").containsExactly("entered main",
        "route extension:1001 from main by default");
    walk.routed();
    assertThat(walk.turnedAway()).as("an extension does not turn callers away").isEmpty();
  }

  @Test
  void aQueueReachedByDefaultThatTurnedTheCallerAwayHangsUp() {
    IvrMenu menu = new IvrMenu("night", Optional.empty(), Map.of(), Duration.ofSeconds(1), 0,
        Optional.of(new IvrTarget.Queue("sales")), Optional.empty());
    walk.start(menu);
    walk.promptEnded();
    walk.timedOut(1);
    walk.routed();

    assertThat(walk.turnedAway()).singleElement().isInstanceOf(MenuStep.HangUp.class);
    assertThat(walk.done()).isTrue();
    assertThat(walk.turnedAway()).isEmpty();
  }

  @Test
  void aDefaultThatFailedHangsUp() {
    walk.start(MAIN);
    walk.key('9');
    walk.key('9');
    walk.key('9');

    assertThat(walk.routeFailed()).singleElement().isInstanceOf(MenuStep.HangUp.class);
  }

  @Test
  void anUnknownMenuCountsAsAFailedDestination() {
    walk.start(MAIN);

    assertThat(text(walk.key('8'))).containsExactly("entered main", "play main");
  }

  @Test
  void menusThatLeadToEachOtherEndAfterTheMostMenusOneCallMayEnter() {
    IvrMenu a = new IvrMenu("a", Optional.empty(), Map.of(), Duration.ofSeconds(1), 0,
        Optional.of(new IvrTarget.Menu("b")), Optional.empty());
    IvrMenu b = new IvrMenu("b", Optional.empty(), Map.of(), Duration.ofSeconds(1), 0,
        Optional.of(new IvrTarget.Menu("a")), Optional.empty());
    MenuWalk loop = new MenuWalk(name -> Optional.of(name.equals("a") ? a : b));
    List<MenuStep> steps = loop.start(a);
    int waits = 0;
    while (!loop.done()) {
      MenuStep.Wait wait = (MenuStep.Wait) loop.promptEnded().get(0);
      waits++;
      steps = loop.timedOut(wait.turn());
    }

    assertThat(waits).isEqualTo(MenuWalk.MAX_MENUS);
    assertThat(steps).last().isInstanceOf(MenuStep.HangUp.class);
  }

  private static List<String> text(List<MenuStep> steps) {
    return steps.stream().map(step -> switch (step) {
      case MenuStep.Entered e -> "entered " + e.menu().name();
      case MenuStep.Play p -> "play " + p.menu().name();
      case MenuStep.Wait w -> "wait " + w.turn() + " " + w.timeout().toSeconds() + "s";
      case MenuStep.Route r -> "route " + r.target() + " from " + r.from().name() + " by " + r.why().wire();
      case MenuStep.Moved m -> "moved " + m.from().name() + " -> " + m.to().name() + " by " + m.why().wire();
      case MenuStep.HangUp h -> "hang up: " + h.cause();
    }).toList();
  }
}
