package io.ramal.api.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ramal.api.calls.TenantBoards;
import io.ramal.api.events.EventJournal;
import io.ramal.api.events.Fanout;
import io.ramal.cti.agent.AgentRoster;
import io.ramal.cti.agent.DeviceLines;
import io.ramal.cti.agent.Interval;
import io.ramal.cti.agent.LogIn;
import io.ramal.cti.agent.LogonKind;
import io.ramal.cti.core.Switchboard;
import io.ramal.cti.queue.AgentStates;
import io.ramal.cti.CampaignFields;
import io.ramal.cti.queue.OverflowTarget;
import io.ramal.cti.queue.QueueCall;
import io.ramal.cti.queue.QueueControl;
import io.ramal.cti.queue.QueueEffect;
import io.ramal.cti.queue.QueueFact;
import io.ramal.cti.queue.QueueSettings;
import io.ramal.cti.queue.Strategy;
import io.ramal.store.Database;
import io.ramal.store.EventLog;
import io.ramal.store.QueueCallHistory;
import io.ramal.store.Queues;
import io.ramal.store.StoredEvent;
import io.ramal.store.testing.DemoTenant;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The desk around the distributor, with the real journal and store and a PBX that records what it is
 * asked: time-driven decisions happen without anybody asking, facts apply in the order reported, and
 * what the distributor decided is stored and journaled before the PBX hears of it.
 */
class QueueDeskTest {
    private static final String TENANT = DemoTenant.ID;
    private final ScratchDatabase scratch = ScratchDatabase.sqlite();
    private final Database database = scratch.open();
    private final Fanout fanout = new Fanout();
    private final EventLog log = new EventLog(database.dataSource(), InstantSource.system());
    private final EventJournal journal = new EventJournal(log, fanout);
    private final Map<String, Switchboard> boards = new HashMap<>();
    private final AgentRoster roster = new AgentRoster(TENANT, () -> UUID.randomUUID().toString());
    private final Queues queues = new Queues(database.dataSource());
    private final QueueCallHistory history = new QueueCallHistory(database.dataSource());
    private final RecordingPbx pbx = new RecordingPbx();
    private final QueueDesk desk;

    /** The PBX as this test plays it: every effect, in order. */
    private static final class RecordingPbx implements QueueControl {
        final List<QueueEffect> effects = new CopyOnWriteArrayList<>();

        @Override
        public void offer(QueueEffect.Offer offer) {
            effects.add(offer);
        }

        @Override
        public void withdraw(QueueEffect.Withdraw withdraw) {
            effects.add(withdraw);
        }

        @Override
        public void overflow(QueueEffect.Overflow overflow) {
            effects.add(overflow);
        }

        @Override
        public void release(QueueEffect.Release release) {
            effects.add(release);
        }

        @Override
        public void announce(QueueEffect.Announce announce) {
            effects.add(announce);
        }

        List<String> kinds() {
            return effects.stream().map(e -> e.getClass().getSimpleName() + (e instanceof QueueEffect.Offer o
                    ? ":" + o.device() : "")).toList();
        }
    }

    QueueDeskTest() {
        new DemoTenant(database.dataSource(), InstantSource.system()).seed("127.0.0.1");
        for (String agent : List.of("alice", "bob")) {
            new io.ramal.store.Users(database.dataSource()).insert(io.ramal.store.User.create(agent, TENANT,
                    agent + "-user", "$2a$04$notarealhash", java.util.Set.of("agent"), Optional.empty(),
                    Instant.now()));
        }
        TenantBoards lanes = new TenantBoards() {
            @Override
            public <T> T onTenant(String tenant, Function<Switchboard, T> work) {
                synchronized (boards) {
                    return work.apply(boards.computeIfAbsent(tenant, Switchboard::new));
                }
            }
        };
        desk = new QueueDesk(lanes, journal, queues, history, (tenant, board) -> AgentStates.of(roster::agent,
                DeviceLines.NONE), InstantSource.system());
        desk.control(pbx);
        for (String agent : List.of("alice", "bob")) {
            roster.logIn(new LogIn(agent, agent, agent.equals("alice") ? "1001" : "1002",
                    new Interval.Logon(LogonKind.EXTENSION, "x"), List.of(), true, agent), Instant.now(),
                    DeviceLines.NONE);
        }
    }

    @AfterEach
    void close() {
        desk.close();
        fanout.close();
        database.close();
        scratch.close();
    }

    private void define(QueueSettings settings) {
        desk.act(TENANT, (acd, states) -> {
            queues.save(TENANT, settings, Instant.now());
            return acd.define(settings, Instant.now(), states);
        });
    }

    private List<String> eventTypes() {
        return log.after(TENANT, 0, 1000).stream().map(StoredEvent::type).filter(t -> t.startsWith("queue."))
                .toList();
    }

    /** The passages stored today and yesterday. */
    private List<QueueCall> calls() {
        return history.entered(TENANT, Optional.empty(), Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plusSeconds(1));
    }

    @Test
    void ringTimeoutsAndTheMaximumWaitAreActedOnWhenDueWithoutAnybodyAsking() {
        define(QueueSettings.defaults("hotline").withStrategy(Strategy.ROUND_ROBIN)
                .withRingTimeout(Duration.ofSeconds(1))
                .withMaxWait(Optional.of(Duration.ofMillis(2500)), Optional.of(OverflowTarget.parse("number:+5511"))));
        for (String agent : List.of("alice", "bob")) {
            desk.act(TENANT, (acd, states) -> acd.join("hotline", agent, agent, 0, agent, Instant.now(), states));
        }
        desk.report(new QueueFact.CallerArrived(TENANT, "c1", "hotline", "+5511900000000", Optional.empty(),
                CampaignFields.NONE, Instant.now()));

        await().atMost(Duration.ofSeconds(10)).until(() -> pbx.kinds().contains("Overflow"));
        assertThat(calls()).as("stored as it left, with where it went").singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(QueueCall.Outcome.OVERFLOWED);
            assertThat(c.destination()).hasValue(OverflowTarget.parse("number:+5511"));
            assertThat(c.waited().orElseThrow()).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
        });
        assertThat(pbx.kinds()).containsExactly("Offer:1001", "Withdraw", "Offer:1002", "Withdraw", "Offer:1001",
                "Withdraw", "Overflow");
        assertThat(eventTypes()).as("the day's numbers follow each change of the caller's passage")
                .containsExactly("queue.member_joined", "queue.member_joined", "queue.caller_joined", "queue.offered",
                        "queue.stats", "queue.offered", "queue.offered", "queue.caller_left", "queue.stats");
    }

    @Test
    void factsApplyInTheOrderReportedAndMembershipsAreStored() {
        define(QueueSettings.defaults("sales"));
        desk.act(TENANT, (acd, states) -> acd.join("sales", "alice", "alice", 0, "alice", Instant.now(), states));
        for (int i = 0; i < 50; i++) {
            Instant at = Instant.now();
            desk.report(new QueueFact.CallerArrived(TENANT, "c" + i, "sales", "1", Optional.empty(),
                    CampaignFields.NONE, at));
            desk.report(new QueueFact.OfferAnswered(TENANT, "c" + i, "1001", at));
            desk.report(new QueueFact.CallEnded(TENANT, "c" + i, at));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> calls().stream()
                .filter(c -> c.endedAt().isPresent()).count() == 50);
        assertThat(calls()).as("no answer overtook its arrival, no end its answer").hasSize(50)
                .allSatisfy(c -> assertThat(c.outcome()).isEqualTo(QueueCall.Outcome.ANSWERED));
        assertThat(queues.members(TENANT)).extracting(m -> m.agentId()).containsExactly("alice");
    }
}
