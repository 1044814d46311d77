package io.ramal.cti.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.CampaignFields;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The numbers of a scripted morning, second by second, come out exactly: the distributor's steps go through
 * the {@link QueueCallTracker}, its passages are kept as the store keeps them (the latest of each), and the
 * statistics are computed from them and the queue's live view.
 */
class QueueStatisticsTest {
    private static final Instant DAY_END = Floor.T0.plus(Duration.ofDays(1));
    private final Floor floor = new Floor();
    private final QueueCallTracker tracker = new QueueCallTracker("acme");
    /** The passages as the store keeps them: by call, queue and entry, the latest of each. */
    private final Map<String, QueueCall> stored = new LinkedHashMap<>();
    /** Every passage written, in order. */
    private final List<QueueCall> written = new java.util.ArrayList<>();

    private void record(Optional<QueueFact> fact, QueueOutcome outcome) {
        List<QueueCall> changed = tracker.on(fact, outcome,
                queue -> floor.acd.queue(queue).orElseThrow().serviceLevel());
        written.addAll(changed);
        changed.forEach(c -> stored.put(c.callId() + "/" + c.queue() + "/" + c.enteredAt(), c));
    }

    private void tell(QueueFact fact) {
        record(Optional.of(fact), floor.keep(floor.acd.on(fact, floor.states())));
    }

    private void arrive(String callId, String queue) {
        tell(new QueueFact.CallerArrived("acme", callId, queue, "+5511" + callId, Optional.empty(),
                CampaignFields.NONE, floor.now()));
    }

    private void answer(String callId, String device) {
        floor.busyDevices.add(device);
        tell(new QueueFact.OfferAnswered("acme", callId, device, floor.now()));
    }

    private void end(String callId, String... freeDevices) {
        for (String device : freeDevices) {
            floor.busyDevices.remove(device);
        }
        tell(new QueueFact.CallEnded("acme", callId, floor.now()));
    }

    private void at(long second) {
        floor.clock.advance(Duration.between(floor.now(), Floor.T0.plusSeconds(second)));
        record(Optional.empty(), floor.review());
    }

    private QueueStats stats(String queue) {
        return QueueStats.of(floor.acd.live(queue, floor.now(), floor.states()).orElseThrow(), Floor.T0, DAY_END,
                List.copyOf(stored.values()));
    }

    @Test
    void aScriptedScenarioGivesExactlyTheExpectedQueueAndAgentNumbers() {
        floor.queue(QueueSettings.defaults("sales").withRingTimeout(Duration.ofSeconds(60))
                .withWrapUp(Duration.ofSeconds(10)).withServiceLevel(Duration.ofSeconds(20))
                .withMaxWait(Optional.of(Duration.ofSeconds(90)), Optional.of(OverflowTarget.parse("extension:1009"))));
        floor.queue(QueueSettings.defaults("support"));
        floor.logIn("alice", "1001").logIn("bob", "1002").join("sales", "alice", 0).join("sales", "bob", 0)
                .join("support", "alice", 0);

        arrive("c1", "sales");                 // t=0: rings alice and bob
        at(10);
        answer("c1", "1001");                  // waited 10 s: within the service level
        arrive("c2", "sales");                 // rings bob
        at(40);
        answer("c2", "1002");                  // waited 30 s: not within
        at(45);
        arrive("c3", "sales");                 // nobody free
        at(50);
        end("c3");                             // abandoned after 5 s
        at(70);
        end("c1", "1001");                     // alice talked 60 s; wrap-up to t=80
        at(75);
        arrive("c4", "sales");
        at(77);
        QueueStats busy = stats("sales");
        assertThat(busy.waiting()).isEqualTo(1);
        assertThat(busy.longestWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(busy.ready()).as("alice wraps up, bob talks").isZero();
        assertThat(busy.entered()).as("a caller waiting has entered").isEqualTo(4);
        at(80);
        assertThat(floor.offeredAgents("c4")).containsExactly("alice");
        at(160);
        end("c2", "1002");                     // bob talked 120 s
        at(165);                               // c4 waited 90 s: overflow

        QueueStats stats = stats("sales");
        assertThat(stats.entered()).isEqualTo(4);
        assertThat(stats.answered()).isEqualTo(2);
        assertThat(stats.answeredWithinServiceLevel()).isEqualTo(1);
        assertThat(stats.abandoned()).isEqualTo(1);
        assertThat(stats.overflowed()).isEqualTo(1);
        assertThat(stats.timedOut()).isZero();
        assertThat(stats.refused()).isZero();
        assertThat(stats.waiting()).isZero();
        assertThat(stats.serviceLevelPercent()).hasValue(25.0);
        assertThat(stats.averageAnswerSeconds()).hasValue(20.0);
        assertThat(stats.agents()).containsExactly(
                new AgentStats("alice", "alice", 1, 1, Duration.ofSeconds(60)),
                new AgentStats("bob", "bob", 1, 1, Duration.ofSeconds(120)));
        Map<String, Object> json = stats.toJson();
        assertThat(json).containsEntry("service_level_pct", 25.0).containsEntry("average_answer_s", 20.0)
                .containsEntry("longest_wait_s", 0L).containsEntry("members", 2).containsEntry("ready", 1)
                .containsEntry("from", "2025-03-03T09:00:00Z").containsEntry("to", "2025-03-04T09:00:00Z");

        at(200);
        arrive("s1", "support");
        at(205);
        answer("s1", "1001");
        at(235);
        end("s1", "1001");
        List<AgentStats> everyQueue = AgentStats.of(List.copyOf(stored.values()));
        assertThat(everyQueue).containsExactly(
                new AgentStats("alice", "alice", 2, 2, Duration.ofSeconds(90)),
                new AgentStats("bob", "bob", 1, 1, Duration.ofSeconds(120)));
        assertThat(everyQueue.getFirst().toJson()).containsEntry("average_handling_s", 45.0)
                .containsEntry("handling_time_s", 90.0).containsEntry("calls_handled", 2L);
        assertThat(stats("sales").answered()).as("support's call is support's").isEqualTo(2);
        assertThat(stats("support").serviceLevelPercent()).hasValue(100.0);
        assertThat(tracker.open()).as("every passage is over").isZero();

        List<String> left = Floor.only(floor.events, QueueEvent.CallerLeft.class).stream()
                .map(e -> e.caller().callId() + ":" + e.reason().wire()).toList();
        assertThat(left).containsExactly("c1:answered", "c2:answered", "c3:abandoned", "c4:overflow", "s1:answered");
        assertThat(written).extracting(c -> c.callId() + ":" + c.outcome().wire()).as("written as each is known")
                .containsExactly("c1:waiting", "c1:answered", "c2:waiting", "c2:answered", "c3:waiting",
                        "c3:abandoned", "c1:answered", "c4:waiting", "c2:answered", "c4:overflowed", "s1:waiting",
                        "s1:answered", "s1:answered");
        QueueCall c4 = stored.values().stream().filter(c -> c.callId().equals("c4")).findFirst().orElseThrow();
        assertThat(c4.destination()).hasValue(OverflowTarget.parse("extension:1009"));
        assertThat(c4.waited()).hasValue(Duration.ofSeconds(90));
    }

    @Test
    void callersTurnedAwayByAFullQueueAreRefusedAndCallersPastTheMaximumWaitTimeOut() {
        floor.queue(QueueSettings.defaults("sales").withMaxCallers(OptionalInt.of(1))
                .withMaxWait(Optional.of(Duration.ofSeconds(30)), Optional.empty()));
        arrive("c1", "sales");
        at(5);
        arrive("c2", "sales");                 // full: released at once
        at(30);                                // c1 waited its maximum, no overflow: released

        QueueStats stats = stats("sales");
        assertThat(stats.entered()).as("a refused caller never entered").isEqualTo(1);
        assertThat(stats.refused()).isEqualTo(1);
        assertThat(stats.timedOut()).isEqualTo(1);
        assertThat(stats.serviceLevelPercent()).hasValue(0.0);
        QueueCall refused = stored.values().stream().filter(c -> c.callId().equals("c2")).findFirst().orElseThrow();
        assertThat(refused.outcome()).isEqualTo(QueueCall.Outcome.REFUSED);
        assertThat(refused.leftAt()).hasValue(Floor.T0.plusSeconds(5));
        assertThat(refused.waited()).hasValue(Duration.ZERO);
    }

    @Test
    void anAgentWhoTransfersTheCallerAwayHandledItUntilItLeftNotUntilTheCallEnds() {
        floor.queue(QueueSettings.defaults("sales"));
        floor.logIn("alice", "1001").join("sales", "alice", 0);
        arrive("c1", "sales");
        at(4);
        answer("c1", "1001");
        at(34);
        floor.busyDevices.remove("1001");
        tell(new QueueFact.AgentLeft("acme", "c1", "1001", floor.now())); // alice transfers the caller to 1009
        at(100);
        end("c1");

        QueueStats stats = stats("sales");
        assertThat(stats.agents()).singleElement().satisfies(a -> {
            assertThat(a.handled()).isEqualTo(1);
            assertThat(a.handlingTime()).isEqualTo(Duration.ofSeconds(30));
        });
        assertThat(written.stream().filter(c -> c.callId().equals("c1")).count())
                .as("entered, answered, ended: the call's end writes nothing more").isEqualTo(3);
    }

    @Test
    void aQueueWithoutCallsHasNoServiceLevelOrAverages() {
        floor.queue(QueueSettings.defaults("sales"));
        QueueStats stats = stats("sales");
        assertThat(stats.serviceLevelPercent()).isEmpty();
        assertThat(stats.averageAnswerSeconds()).isEmpty();
        assertThat(stats.toJson()).containsEntry("service_level_pct", null).containsEntry("average_answer_s", null);
        assertThat(floor.acd.live("nope", floor.now(), floor.states())).isEmpty();
    }
}
