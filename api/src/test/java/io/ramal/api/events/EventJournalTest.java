package io.ramal.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ramal.store.EventLog;
import io.ramal.store.StoreException;
import io.ramal.store.StoredEvent;
import io.ramal.store.Tenant;
import io.ramal.store.Tenants;
import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class EventJournalTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00.250Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    Backend backend;

    private static ScratchDatabase scratch;
    private static DataSource dataSource;

    @BeforeParameterizedClassInvocation
    static void openStore(Backend backend) {
        scratch = ScratchDatabase.create(backend);
        dataSource = scratch.open().dataSource();
    }

    @AfterParameterizedClassInvocation
    static void removeStore() {
        scratch.close();
    }

    private final String tenant = newTenant();
    private final EventLog log = new EventLog(dataSource, InstantSource.fixed(T0));
    private final Fanout fanout = new Fanout();
    private final EventJournal journal = new EventJournal(log, fanout);
    private final List<JournalEvent> delivered = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopFanout() {
        fanout.close();
    }

    @Test
    void encodesTheEnvelopeAndTheFieldsIntoOneFrame() throws Exception {
        Map<String, Object> fields = new HashMap<>();
        fields.put("caller", Map.of("number", "1001", "name", "Alice"));
        fields.put("callee", "1002");
        fields.put("direction", "internal");
        fields.put("can_answer", true);
        fields.put("note", null);

        JournalEvent event = journal.append(tenant, "call.delivered", Optional.of("c1"), Optional.of("1002"), fields);

        JsonNode frame = JSON.readTree(event.frame());
        assertThat(frame.get("op").asText()).isEqualTo("event");
        assertThat(frame.get("seq").asLong()).isEqualTo(1);
        assertThat(frame.get("id").asText()).isEqualTo(event.id());
        assertThat(frame.get("ts").asText()).isEqualTo("2026-11-21T08:00:00.250Z");
        assertThat(frame.get("tenant").asText()).isEqualTo(tenant);
        assertThat(frame.get("type").asText()).isEqualTo("call.delivered");
        assertThat(frame.get("call_id").asText()).isEqualTo("c1");
        assertThat(frame.get("device").asText()).isEqualTo("1002");
        assertThat(frame.get("caller").get("name").asText()).isEqualTo("Alice");
        assertThat(frame.get("can_answer").asBoolean()).isTrue();
        assertThat(frame.get("note").isNull()).isTrue();
        assertThat(journal.after(tenant, 0, 10)).containsExactly(event);
    }

    @Test
    void anOutboxThatFailsTakesTheWholeAppendWithItAndNothingIsPublished() {
        List<Long> enlisted = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger committed = new java.util.concurrent.atomic.AtomicInteger();
        EventJournal failing = new EventJournal(log, fanout, (transaction, events) -> {
            events.forEach(e -> enlisted.add(e.seq()));
            throw new java.sql.SQLException("outbox refused");
        }, committed::incrementAndGet);
        fanout.subscribe(tenant, delivered::add);

        assertThatThrownBy(() -> failing.append(tenant, "call.delivered", Optional.of("c1"), Optional.empty(), Map.of()))
                .isInstanceOf(io.ramal.store.StoreException.class);

        assertThat(enlisted).containsExactly(1L);
        assertThat(journal.after(tenant, 0, 10)).isEmpty();
        assertThat(committed).hasValue(0);
        assertThat(delivered).isEmpty();
        EventJournal working = new EventJournal(log, fanout, (transaction, events) -> {}, committed::incrementAndGet);
        assertThat(working.append(tenant, "call.delivered", Optional.of("c1"), Optional.empty(), Map.of()).seq())
                .isEqualTo(1);
        assertThat(committed).hasValue(1);
    }

    @Test
    void anAppendsOwnEnlistmentRunsAfterTheOutboxAndItsRefusalRollsTheAppendBackWithItsOwnException() {
        List<String> order = new CopyOnWriteArrayList<>();
        EventJournal withOutbox = new EventJournal(log, fanout, (transaction, events) -> order.add("outbox"), () -> {});
        fanout.subscribe(tenant, delivered::add);
        IllegalStateException refusal = new IllegalStateException("already popped");

        assertThatThrownBy(() -> withOutbox.appendAll(tenant, List.of(NewEvent.of("screen_pop", Map.of())),
                (transaction, events) -> {
                    order.add("also " + events.getFirst().seq());
                    throw refusal;
                })).isSameAs(refusal);
        assertThat(order).containsExactly("outbox", "also 1");
        assertThat(journal.after(tenant, 0, 10)).isEmpty();
        assertThat(delivered).isEmpty();

        List<JournalEvent> kept = withOutbox.appendAll(tenant, List.of(NewEvent.of("screen_pop", Map.of())),
                (transaction, events) -> order.add("also " + events.getFirst().seq()));
        assertThat(kept).extracting(JournalEvent::seq).containsExactly(1L);
        assertThat(order).endsWith("outbox", "also 1");
        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
    }

    @Test
    void encodesAnEventWithoutFieldsCallOrDevice() throws Exception {
        JournalEvent event = journal.append(tenant, "device.unregistered", Optional.empty(), Optional.empty(), Map.of());

        JsonNode frame = JSON.readTree(event.frame());
        assertThat(frame.has("call_id")).isFalse();
        assertThat(frame.has("device")).isFalse();
        assertThat(frame.size()).isEqualTo(6);
    }

    @Test
    void takesCallAndDeviceFromTheFieldsWhenGivenThere() throws Exception {
        JournalEvent event = journal.appendAll(tenant,
                List.of(NewEvent.of("call.held", Map.of("call_id", "c7", "device", "1003", "held_by", "1003"))))
                .getFirst();

        assertThat(event.callId()).contains("c7");
        assertThat(event.device()).contains("1003");
        JsonNode frame = JSON.readTree(event.frame());
        assertThat(frame.get("call_id").asText()).isEqualTo("c7");
        assertThat(frame.get("held_by").asText()).isEqualTo("1003");
        assertThat(log.after(tenant, 0, 1).getFirst().payload()).doesNotContain("call_id");
    }

    @Test
    void refusesReservedOrContradictoryFields() {
        assertThatThrownBy(() -> journal.append(tenant, "call.held", Optional.empty(), Optional.empty(),
                Map.of("seq", 7))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq");
        assertThatThrownBy(() -> journal.append(tenant, "call.held", Optional.of("c1"), Optional.empty(),
                Map.of("call_id", "c2"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> journal.append(tenant, "call.held", Optional.empty(), Optional.empty(),
                Map.of("device", 1002))).isInstanceOf(IllegalArgumentException.class);
        assertThat(log.head(tenant).lastSeq()).isZero();
    }

    @Test
    void publishesOnlyWhatIsAlreadyCommitted() {
        List<Boolean> storedWhenPublished = new CopyOnWriteArrayList<>();
        EventLog reader = new EventLog(dataSource, InstantSource.system()); // other connections than the appender's
        fanout.subscribe(tenant, event -> storedWhenPublished.add(
                reader.after(tenant, event.seq() - 1, 1).stream().map(StoredEvent::id).toList().contains(event.id())));

        journal.append(tenant, "call.delivered", Optional.of("c1"), Optional.of("1002"), Map.of());
        journal.appendAll(tenant, List.of(NewEvent.of("call.established", Map.of()), NewEvent.of("call.held", Map.of())));

        await().atMost(Duration.ofSeconds(5)).until(() -> storedWhenPublished.size() == 3);
        assertThat(storedWhenPublished).containsExactly(true, true, true);
    }

    @Test
    void publishesNothingWhenTheAppendFails() throws Exception {
        fanout.subscribe(tenant, delivered::add);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement blocker = connection.prepareStatement(
                        "INSERT INTO event_log (tenant_id, seq, id, ts, type, payload) VALUES (?, 1, ?, 0, 'x.y', '{}')")) {
            blocker.setString(1, tenant);
            blocker.setString(2, "blocker-" + tenant);
            blocker.executeUpdate(); // seq 1 is taken: the next append fails
        }

        assertThatThrownBy(() -> journal.append(tenant, "call.delivered", Optional.empty(), Optional.empty(), Map.of()))
                .isInstanceOf(StoreException.class);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement unblock = connection.prepareStatement("DELETE FROM event_log WHERE tenant_id = ?")) {
            unblock.setString(1, tenant);
            unblock.executeUpdate();
        }
        journal.append(tenant, "call.established", Optional.empty(), Optional.empty(), Map.of());

        await().atMost(Duration.ofSeconds(5)).until(() -> !delivered.isEmpty());
        assertThat(delivered).extracting(JournalEvent::type).containsExactly("call.established");
        assertThat(delivered).extracting(JournalEvent::seq).containsExactly(1L);
    }

    @Test
    void concurrentAppendersPublishEverySeqOnceAndInOrder() throws Exception {
        fanout.subscribe(tenant, delivered::add);
        String other = newTenant();
        List<JournalEvent> otherDelivered = new CopyOnWriteArrayList<>();
        fanout.subscribe(other, otherDelivered::add);
        int threads = 4;
        int perThread = 40;
        List<Future<?>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads + 1)) {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        journal.append(tenant, "call.delivered", Optional.of("c"), Optional.of("1"), Map.of("i", i));
                    }
                }));
            }
            results.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    journal.append(other, "call.delivered", Optional.of("c"), Optional.of("1"), Map.of());
                }
            }));
            for (Future<?> result : results) {
                result.get();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                delivered.size() == threads * perThread && otherDelivered.size() == perThread);

        assertThat(delivered).extracting(JournalEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, threads * perThread).boxed().toList());
        assertThat(delivered).extracting(JournalEvent::tenant).containsOnly(tenant);
        assertThat(otherDelivered).extracting(JournalEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, perThread).boxed().toList());
    }

    @Test
    void stopsDeliveringToAClosedRegistration() {
        Fanout.Registration registration = fanout.subscribe(tenant, delivered::add);
        journal.append(tenant, "call.delivered", Optional.empty(), Optional.empty(), Map.of());

        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);

        registration.close();
        registration.close();
        journal.append(tenant, "call.established", Optional.empty(), Optional.empty(), Map.of());
        List<JournalEvent> later = new CopyOnWriteArrayList<>();
        fanout.subscribe(tenant, later::add); // delivered after the lane has handled event 2 for everyone
        journal.append(tenant, "call.held", Optional.empty(), Optional.empty(), Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> later.size() == 1);

        assertThat(delivered).extracting(JournalEvent::seq).containsExactly(1L);
        assertThat(fanout.subscribers(tenant)).isEqualTo(1);
    }

    @Test
    void atomicallyIsReentrantSoAProducerCanAppendInsideIt() {
        long seq = journal.atomically(tenant, () -> {
            journal.append(tenant, "call.delivered", Optional.empty(), Optional.empty(), Map.of());
            return journal.head(tenant).lastSeq();
        });

        assertThat(seq).isEqualTo(1);
    }

    private static String newTenant() {
        String id = "t-" + UUID.randomUUID();
        new Tenants(dataSource).save(new Tenant(id, "Tenant", Instant.EPOCH));
        return id;
    }
}
