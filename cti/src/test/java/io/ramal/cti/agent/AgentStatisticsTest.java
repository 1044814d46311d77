package io.ramal.cti.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An agent's numbers over a window, from its ledger rows and handled calls, to the millisecond. */
class AgentStatisticsTest {
    private static final Instant FROM = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-02T11:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-02T10:40:00Z");
    private static final PauseReason LUNCH = new PauseReason("lunch", "Lunch", false, false, false, Set.of(),
            Optional.empty());
    private static final PauseReason TRAINING = new PauseReason("training", "Training", true, false, true, Set.of(),
            Optional.empty());

    @Test
    void timeInEachStateIsClippedToTheWindowAndTheOpenRowCountsUpToNow() {
        List<Interval> rows = List.of(
                row("i1", IntervalState.PAUSED, TRAINING, "09:30:00", "09:50:00"),
                row("i2", IntervalState.AVAILABLE, null, "09:50:00", "10:05:00"),
                row("i3", IntervalState.PAUSED, LUNCH, "10:05:00", "10:20:00.250"),
                row("i4", IntervalState.PAUSED, TRAINING, "10:20:00.250", "10:25:00"),
                row("i5", IntervalState.PAUSED, LUNCH, "10:25:00", "10:35:00"),
                row("i6", IntervalState.AVAILABLE, null, "10:35:00", null),
                other("10:00:00"));

        AgentStatistics stats = AgentStatistics.of("u-alice", "alice", rows, List.of(), FROM, TO, NOW);

        assertThat(stats.available()).isEqualTo(Duration.ofMinutes(10));
        assertThat(stats.paused()).isEqualTo(Duration.ofMinutes(30));
        assertThat(stats.loggedIn()).isEqualTo(Duration.ofMinutes(40));
        assertThat(stats.reasons()).extracting(r -> r.id() + ":" + r.time().toMillis() + "ms/" + r.intervals())
                .containsExactly("lunch:1500250ms/2", "training:299750ms/1");
        assertThat(stats.averageHandlingMillis()).isEmpty();
        assertThat(stats.toJson()).containsEntry("average_handling_ms", null).containsEntry("logged_in_ms", 2_400_000L);
    }

    @Test
    void handledCallsCountInTheWindowOfTheirAnswerWithTalkAndWrapUp() {
        List<HandledCall> calls = List.of(
                call("c0", Optional.empty(), "09:59:00", "10:01:00", Duration.ZERO),
                call("c1", Optional.of("sales"), "10:36:00", "10:37:00", Duration.ofSeconds(10)),
                call("c2", Optional.empty(), "10:38:30", "10:39:00.001", Duration.ZERO),
                call("c3", Optional.of("sales"), "11:00:00", "11:01:00", Duration.ofSeconds(10)));

        AgentStatistics stats = AgentStatistics.of("u-alice", "alice", List.of(), calls, FROM, TO, NOW);

        Map<String, Object> json = stats.toJson();
        assertThat(json).containsEntry("calls_handled", 2L).containsEntry("queue_calls_handled", 1L)
                .containsEntry("talk_ms", 90_001L).containsEntry("wrap_up_ms", 10_000L)
                .containsEntry("handling_ms", 100_001L).containsEntry("average_handling_ms", 50_001L)
                .containsEntry("from", "2026-03-02T10:00:00Z").containsEntry("to", "2026-03-02T11:00:00Z");
    }

    private static Interval row(String id, IntervalState state, PauseReason reason, String start, String end) {
        Optional<Instant> ended = Optional.ofNullable(end).map(AgentStatisticsTest::at);
        return new Interval(id, "acme", "u-alice", "alice", Optional.of("1001"), Optional.of("s1"),
                Optional.of(new Interval.Logon(LogonKind.EXTENSION, "1001")), state, Optional.ofNullable(reason),
                at(start), ended, ended.map(e -> IntervalEnd.CHANGED), "u-alice");
    }

    private static Interval other(String start) {
        return new Interval("x1", "acme", "u-bob", "bob", Optional.of("1002"), Optional.of("s2"),
                Optional.of(new Interval.Logon(LogonKind.EXTENSION, "1002")), IntervalState.AVAILABLE,
                Optional.empty(), at(start), Optional.empty(), Optional.empty(), "u-bob");
    }

    private static HandledCall call(String id, Optional<String> queue, String answered, String ended, Duration wrapUp) {
        return new HandledCall("acme", "u-alice", "alice", "s1", "1001", id, queue, at(answered).minusSeconds(3),
                at(answered), at(ended), wrapUp);
    }

    private static Instant at(String time) {
        return Instant.parse("2026-03-02T" + time + "Z");
    }
}
