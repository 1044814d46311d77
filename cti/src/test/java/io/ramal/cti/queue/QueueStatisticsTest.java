package io.ramal.cti.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The numbers of a scripted morning, second by second, come out exactly. */
class QueueStatisticsTest {
    private final Floor floor = new Floor();

    private void at(long second) {
        Duration by = Duration.between(floor.now(), Floor.T0.plusSeconds(second));
        floor.advance(by.toSeconds());
    }

    private QueueStats sales() {
        return floor.acd.stats("sales", floor.now(), floor.states()).orElseThrow();
    }

    @Test
    void aScriptedScenarioGivesExactlyTheExpectedQueueAndAgentNumbers() {
        floor.queue(QueueSettings.defaults("sales").withRingTimeout(Duration.ofSeconds(60))
                .withWrapUp(Duration.ofSeconds(10)).withServiceLevel(Duration.ofSeconds(20))
                .withMaxWait(Optional.of(Duration.ofSeconds(90)), Optional.of(OverflowTarget.parse("extension:1009"))));
        floor.queue(QueueSettings.defaults("support"));
        floor.logIn("alice", "1001").logIn("bob", "1002").join("sales", "alice", 0).join("sales", "bob", 0)
                .join("support", "alice", 0);

        floor.arrive("c1", "sales");                 // t=0: rings alice and bob
        at(10);
        floor.answer("c1", "1001");                  // waited 10 s: within the service level
        floor.arrive("c2", "sales");                 // rings bob
        at(40);
        floor.answer("c2", "1002");                  // waited 30 s: not within
        at(45);
        floor.arrive("c3", "sales");                 // nobody free
        at(50);
        floor.end("c3");                             // abandoned after 5 s
        at(70);
        floor.end("c1", "1001");                     // alice talked 60 s; wrap-up to t=80
        at(75);
        floor.arrive("c4", "sales");
        at(77);
        QueueStats busy = sales();
        assertThat(busy.waiting()).isEqualTo(1);
        assertThat(busy.longestWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(busy.ready()).as("alice wraps up, bob talks").isZero();
        at(80);
        assertThat(floor.offeredAgents("c4")).containsExactly("alice");
        at(160);
        floor.end("c2", "1002");                     // bob talked 120 s
        at(165);                                     // c4 waited 90 s: overflow

        QueueStats stats = sales();
        assertThat(stats.entered()).isEqualTo(4);
        assertThat(stats.answered()).isEqualTo(2);
        assertThat(stats.answeredWithinServiceLevel()).isEqualTo(1);
        assertThat(stats.abandoned()).isEqualTo(1);
        assertThat(stats.overflowed()).isEqualTo(1);
        assertThat(stats.timedOut()).isZero();
        assertThat(stats.waiting()).isZero();
        assertThat(stats.serviceLevelPercent()).hasValue(25.0);
        assertThat(stats.averageAnswerSeconds()).hasValue(20.0);
        assertThat(stats.agents()).containsExactly(
                new AgentStats("alice", "alice", 1, 1, Duration.ofSeconds(60)),
                new AgentStats("bob", "bob", 1, 1, Duration.ofSeconds(120)));
        Map<String, Object> json = stats.toJson();
        assertThat(json).containsEntry("service_level_pct", 25.0).containsEntry("average_answer_s", 20.0)
                .containsEntry("longest_wait_s", 0L).containsEntry("members", 2).containsEntry("ready", 1)
                .containsEntry("since", "2025-03-03T09:00:00Z");

        at(200);
        floor.arrive("s1", "support");
        at(205);
        floor.answer("s1", "1001");
        at(235);
        floor.end("s1", "1001");
        assertThat(floor.acd.agentStats()).containsExactly(
                new AgentStats("alice", "alice", 2, 2, Duration.ofSeconds(90)),
                new AgentStats("bob", "bob", 1, 1, Duration.ofSeconds(120)));
        assertThat(floor.acd.agentStats().getFirst().toJson()).containsEntry("average_handling_s", 45.0)
                .containsEntry("handling_time_s", 90.0).containsEntry("calls_handled", 2L);
        assertThat(sales().answered()).as("support's call is support's").isEqualTo(2);
        assertThat(floor.acd.stats("support", floor.now(), floor.states()).orElseThrow().serviceLevelPercent())
                .hasValue(100.0);

        List<String> left = Floor.only(floor.events, QueueEvent.CallerLeft.class).stream()
                .map(e -> e.caller().callId() + ":" + e.reason().wire()).toList();
        assertThat(left).containsExactly("c1:answered", "c2:answered", "c3:abandoned", "c4:overflow", "s1:answered");
    }

    @Test
    void aQueueWithoutCallsHasNoServiceLevelOrAverages() {
        floor.queue(QueueSettings.defaults("sales"));
        QueueStats stats = sales();
        assertThat(stats.serviceLevelPercent()).isEmpty();
        assertThat(stats.averageAnswerSeconds()).isEmpty();
        assertThat(stats.toJson()).containsEntry("service_level_pct", null).containsEntry("average_answer_s", null);
        assertThat(floor.acd.stats("nope", floor.now(), floor.states())).isEmpty();
    }
}
