package io.ramal.cti.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AgentRosterTest {
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final PauseReason LUNCH = new PauseReason("lunch", "Lunch", false, false, false, Set.of(),
            Optional.of(Duration.ofMinutes(30)));
    private static final PauseReason TRAINING = new PauseReason("training", "Training", true, true, false,
            Set.of("sales"), Optional.empty());

    private final AtomicInteger counter = new AtomicInteger();
    private final AgentRoster roster = new AgentRoster("acme", () -> "id" + counter.incrementAndGet());
    private final FakeLines lines = new FakeLines();
    private final List<LedgerChange> ledger = new ArrayList<>();

    /** Devices whose registration and calls the test sets. */
    private static final class FakeLines implements DeviceLines {
        final Set<String> registered = new HashSet<>();
        final Set<String> talking = new HashSet<>();

        @Override
        public boolean registered(String device) {
            return registered.contains(device);
        }

        @Override
        public boolean inCall(String device) {
            return talking.contains(device);
        }
    }

    private AgentOutcome keep(AgentOutcome outcome) {
        ledger.addAll(outcome.ledger());
        return outcome;
    }

    private AgentOutcome logIn(String agent, String device, Instant at) {
        return keep(roster.logIn(new LogIn(agent, agent + "-name", device,
                new Interval.Logon(LogonKind.EXTENSION, device), List.of(LUNCH), true, agent), at, lines));
    }

    private static List<String> types(AgentOutcome outcome) {
        return outcome.events().stream().map(AgentEvent::type).toList();
    }

    @Test
    void aLoginMakesTheAgentAvailableAndOffersItsReasons() {
        lines.registered.add("1001");
        AgentOutcome outcome = logIn("alice", "1001", T0);

        assertThat(types(outcome)).containsExactly("agent.logged_in", "agent.reasons");
        AgentView alice = roster.agent("alice").orElseThrow();
        assertThat(alice.state()).isEqualTo(IntervalState.AVAILABLE);
        assertThat(alice.device()).contains("1001");
        assertThat(outcome.events().get(1).data().get("reasons")).asList().hasSize(1);
        assertThat(ledger).singleElement().isInstanceOf(LedgerChange.Opened.class);
    }

    @Test
    void aSecondLoginIsRefusedWhenThePolicySaysSo() {
        logIn("alice", "1001", T0);
        AgentOutcome second = logIn("alice", "1002", T0.plusSeconds(5));

        assertThat(second.refusal()).map(AgentRefusal::code).contains(AgentRefusal.Code.AGENT_ALREADY_LOGGED_IN);
        assertThat(roster.agent("alice").orElseThrow().device()).contains("1001");
    }

    @Test
    void aSecondLoginTakesTheSessionOverWhenThePolicySaysSo() {
        roster.policy(new AgentPolicy(SecondLogin.TAKE_OVER, Duration.ofMinutes(2), new VanishAction.LogOut()));
        logIn("alice", "1001", T0);
        AgentOutcome second = logIn("alice", "1002", T0.plusSeconds(5));

        assertThat(types(second)).containsExactly("agent.logged_out", "agent.logged_in", "agent.reasons");
        assertThat(second.events().get(0).device()).contains("1001");
        assertThat(second.events().get(0).data().get("cause")).isEqualTo("taken_over");
        assertThat(roster.agent("alice").orElseThrow().device()).contains("1002");
        assertThat(roster.onDevice("1001")).isEmpty();
        assertThat(ledger).filteredOn(c -> c instanceof LedgerChange.Closed)
                .singleElement().satisfies(c -> assertThat(((LedgerChange.Closed) c).how())
                        .isEqualTo(IntervalEnd.TAKEN_OVER));
    }

    @Test
    void oneAgentPerDevice() {
        logIn("alice", "1001", T0);
        AgentOutcome bob = logIn("bob", "1001", T0.plusSeconds(1));

        assertThat(bob.refusal()).map(AgentRefusal::code).contains(AgentRefusal.Code.DEVICE_IN_USE);
        assertThat(roster.onDevice("1001")).map(AgentView::agentId).contains("alice");
    }

    @Test
    void changingReasonClosesTheOpenIntervalAndOpensTheNext() {
        logIn("alice", "1001", T0);
        AgentOutcome lunch = keep(roster.pause("alice", LUNCH, false, "alice", T0.plusSeconds(60), lines));
        AgentOutcome training = keep(roster.pause("alice", TRAINING, false, "carol", T0.plusSeconds(90), lines));
        AgentOutcome back = keep(roster.makeAvailable("alice", "alice", T0.plusSeconds(120)));

        assertThat(types(lunch)).containsExactly("agent.paused");
        assertThat(types(training)).containsExactly("agent.paused");
        assertThat(types(back)).containsExactly("agent.available");
        List<Interval> opened = ledger.stream().filter(c -> c instanceof LedgerChange.Opened)
                .map(c -> ((LedgerChange.Opened) c).interval()).toList();
        assertThat(opened).extracting(Interval::state).containsExactly(IntervalState.AVAILABLE,
                IntervalState.PAUSED, IntervalState.PAUSED, IntervalState.AVAILABLE);
        assertThat(opened.get(2).openedBy()).isEqualTo("carol");
        List<LedgerChange.Closed> closed = ledger.stream().filter(c -> c instanceof LedgerChange.Closed)
                .map(c -> (LedgerChange.Closed) c).toList();
        assertThat(closed).extracting(LedgerChange.Closed::intervalId)
                .containsExactly(opened.get(0).id(), opened.get(1).id(), opened.get(2).id());
        assertThat(closed).extracting(LedgerChange.Closed::at)
                .containsExactly(T0.plusSeconds(60), T0.plusSeconds(90), T0.plusSeconds(120));
    }

    @Test
    void pausingInTheCurrentReasonChangesNothing() {
        logIn("alice", "1001", T0);
        roster.pause("alice", LUNCH, false, "alice", T0.plusSeconds(1), lines);

        assertThat(roster.pause("alice", LUNCH, false, "alice", T0.plusSeconds(2), lines).isEmpty()).isTrue();
    }

    @Test
    void aPauseAfterTheCallWaitsForTheCallToEnd() {
        lines.registered.add("1001");
        logIn("alice", "1001", T0);
        lines.talking.add("1001");

        AgentOutcome requested = roster.pause("alice", LUNCH, true, "alice", T0.plusSeconds(10), lines);
        assertThat(types(requested)).containsExactly("agent.pause_pending");
        assertThat(roster.agent("alice").orElseThrow().pendingPause()).isPresent();
        assertThat(roster.review(T0.plusSeconds(20), lines).isEmpty()).as("still talking").isTrue();

        lines.talking.remove("1001");
        AgentOutcome ended = keep(roster.review(T0.plusSeconds(30), lines));
        assertThat(types(ended)).containsExactly("agent.paused");
        assertThat(ended.events().get(0).data().get("cause")).isEqualTo("after_call");
        assertThat(ended.ledger().get(0)).isEqualTo(new LedgerChange.Closed(
                ((LedgerChange.Opened) ledger.get(0)).interval().id(), T0.plusSeconds(30), IntervalEnd.AFTER_CALL));
        assertThat(roster.agent("alice").orElseThrow().pendingPause()).isEmpty();
    }

    @Test
    void aPauseAfterTheCallWithoutACallStartsAtOnce() {
        logIn("alice", "1001", T0);

        assertThat(types(roster.pause("alice", LUNCH, true, "alice", T0.plusSeconds(10), lines)))
                .containsExactly("agent.paused");
    }

    @Test
    void becomingAvailableDropsAPendingPause() {
        logIn("alice", "1001", T0);
        lines.talking.add("1001");
        roster.pause("alice", LUNCH, true, "alice", T0.plusSeconds(10), lines);
        roster.makeAvailable("alice", "alice", T0.plusSeconds(11));
        lines.talking.remove("1001");

        assertThat(roster.review(T0.plusSeconds(12), lines).events()).isEmpty();
        assertThat(roster.agent("alice").orElseThrow().state()).isEqualTo(IntervalState.AVAILABLE);
    }

    @Test
    void aVanishedAgentIsLoggedOutAfterTheGracePeriod() {
        roster.policy(new AgentPolicy(SecondLogin.REFUSE, Duration.ofSeconds(30), new VanishAction.LogOut()));
        lines.registered.add("1001");
        logIn("alice", "1001", T0);
        keep(roster.clientPresence("alice", false, T0.plusSeconds(5), lines));
        assertThat(roster.review(T0.plusSeconds(60), lines).isEmpty()).as("the phone is still registered").isTrue();

        lines.registered.remove("1001");
        assertThat(roster.review(T0.plusSeconds(70), lines).isEmpty()).as("grace starts").isTrue();
        assertThat(roster.review(T0.plusSeconds(99), lines).isEmpty()).as("within grace").isTrue();
        AgentOutcome gone = keep(roster.review(T0.plusSeconds(100), lines));

        assertThat(types(gone)).containsExactly("agent.logged_out");
        assertThat(gone.events().get(0).data().get("cause")).isEqualTo("vanished");
        assertThat(roster.agent("alice").orElseThrow().state()).isEqualTo(IntervalState.LOGGED_OUT);
        assertThat(roster.onDevice("1001")).isEmpty();
    }

    @Test
    void anAgentThatComesBackWithinTheGracePeriodStays() {
        roster.policy(new AgentPolicy(SecondLogin.REFUSE, Duration.ofSeconds(30), new VanishAction.LogOut()));
        logIn("alice", "1001", T0);
        roster.clientPresence("alice", false, T0.plusSeconds(1), lines);
        roster.clientPresence("alice", true, T0.plusSeconds(20), lines);

        assertThat(roster.review(T0.plusSeconds(60), lines).isEmpty()).isTrue();
        assertThat(roster.agent("alice").orElseThrow().state()).isEqualTo(IntervalState.AVAILABLE);
    }

    @Test
    void aVanishedAgentIsPausedOnceWhenThePolicySaysPause() {
        roster.policy(new AgentPolicy(SecondLogin.REFUSE, Duration.ofSeconds(30), new VanishAction.Pause(LUNCH)));
        logIn("alice", "1001", T0);
        roster.clientPresence("alice", false, T0.plusSeconds(1), lines);
        AgentOutcome gone = keep(roster.review(T0.plusSeconds(31), lines));

        assertThat(types(gone)).containsExactly("agent.paused");
        assertThat(gone.events().get(0).data().get("cause")).isEqualTo("vanished");
        assertThat(roster.review(T0.plusSeconds(120), lines).events()).as("once").isEmpty();
        assertThat(gone.ledger().get(0)).isInstanceOf(LedgerChange.Closed.class)
                .extracting(c -> ((LedgerChange.Closed) c).how()).isEqualTo(IntervalEnd.VANISHED);
    }

    @Test
    void aPauseLongerThanItsReasonAllowsIsReportedOnce() {
        lines.registered.add("1001");
        logIn("alice", "1001", T0);
        roster.pause("alice", LUNCH, false, "alice", T0, lines);

        assertThat(roster.review(T0.plus(Duration.ofMinutes(29)), lines).events()).isEmpty();
        AgentOutcome late = roster.review(T0.plus(Duration.ofMinutes(30)), lines);
        assertThat(types(late)).containsExactly("agent.pause_exceeded");
        assertThat(late.events().get(0).data().get("max_duration_s")).isEqualTo(1800L);
        assertThat(roster.review(T0.plus(Duration.ofMinutes(45)), lines).events()).isEmpty();
    }

    @Test
    void commandsOfAnAgentWithoutSessionAreRefused() {
        assertThat(roster.pause("nobody", LUNCH, false, "nobody", T0, lines).refusal())
                .map(AgentRefusal::code).contains(AgentRefusal.Code.NOT_LOGGED_IN);
        assertThat(roster.logOut("nobody", "nobody", T0).refusal()).isPresent();
    }

    @Test
    void aLogoutOpensALoggedOutIntervalThatTheNextLoginCloses() {
        logIn("alice", "1001", T0);
        AgentOutcome out = keep(roster.logOut("alice", "alice", T0.plusSeconds(60)));
        assertThat(types(out)).containsExactly("agent.logged_out");
        assertThat(out.events().get(0).device()).contains("1001");
        logIn("alice", "1004", T0.plusSeconds(120));

        List<Interval> opened = ledger.stream().filter(c -> c instanceof LedgerChange.Opened)
                .map(c -> ((LedgerChange.Opened) c).interval()).toList();
        assertThat(opened).extracting(Interval::state).containsExactly(IntervalState.AVAILABLE,
                IntervalState.LOGGED_OUT, IntervalState.AVAILABLE);
        assertThat(ledger.get(ledger.size() - 2)).isEqualTo(new LedgerChange.Closed(opened.get(1).id(),
                T0.plusSeconds(120), IntervalEnd.LOGGED_IN));
    }

    @Test
    void theOpenIntervalsOfTheLedgerRestoreSessionsAfterARestart() {
        logIn("alice", "1001", T0);
        roster.pause("alice", LUNCH, false, "alice", T0.plusSeconds(5), lines);
        Interval open = roster.agent("alice").map(a -> new Interval(a.intervalId(), "acme", "alice", "alice-name",
                a.device(), a.session().map(AgentView.Session::id), a.session().map(AgentView.Session::logon),
                a.state(), a.reason(), a.since(), Optional.empty(), Optional.empty(), "alice")).orElseThrow();

        AgentRoster after = new AgentRoster("acme", () -> "new" + counter.incrementAndGet());
        after.restore(List.of(open));

        AgentView alice = after.agent("alice").orElseThrow();
        assertThat(alice.state()).isEqualTo(IntervalState.PAUSED);
        assertThat(alice.reason()).contains(LUNCH);
        assertThat(alice.device()).contains("1001");
        assertThat(alice.clientConnected()).isFalse();
        assertThat(after.onDevice("1001")).isPresent();
    }

    @Test
    void reasonsAreUsableByTheirGroupsOrByEveryoneWithoutGroups() {
        assertThat(LUNCH.usableBy(Set.of())).isTrue();
        assertThat(TRAINING.usableBy(Set.of("support"))).isFalse();
        assertThat(TRAINING.usableBy(Set.of("support", "sales"))).isTrue();
    }
}
