package io.ramal.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ramal.store.EventLog;
import io.ramal.store.Tenant;
import io.ramal.store.Tenants;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-socket writer against a real log, with a recording peer in place of the socket. */
class SocketWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ScratchDatabase scratch;
    private static DataSource dataSource;
    private static EventLog log;

    @BeforeAll
    static void openStore() {
        scratch = ScratchDatabase.sqlite();
        dataSource = scratch.open().dataSource();
        log = new EventLog(dataSource, InstantSource.system());
    }

    @AfterAll
    static void closeStore() {
        scratch.close();
    }

    private final String tenant = "t-" + UUID.randomUUID();
    private final Fanout fanout = new Fanout();
    private final EventJournal journal = new EventJournal(log, fanout);
    private final AtomicReference<CloseCode> terminated = new AtomicReference<>();
    private final List<SocketWriter> writers = new ArrayList<>();

    SocketWriterTest() {
        new Tenants(dataSource).save(new Tenant(tenant, "T", Instant.now()));
    }

    @AfterEach
    void stopWriters() {
        writers.forEach(SocketWriter::stop);
        fanout.close();
    }

    @Test
    void fillsAGapInLiveEventsFromTheLog() {
        RecordingPeer peer = new RecordingPeer(false);
        SocketWriter writer = writer(peer, 64);
        appendTo(journal, 2);
        writer.subscribe(tenant, Optional.of(2L), EventFilter.ALL);
        await().atMost(Duration.ofSeconds(5)).until(() -> fanout.subscribers(tenant) == 1);

        try (Fanout nobody = new Fanout()) {
            appendTo(new EventJournal(log, nobody), 2); // appends the writer is not told about
        }
        appendTo(journal, 1);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(seqs(peer)).containsExactly(3L, 4L, 5L));
    }

    @Test
    void sendsAnEventItAlreadyReplayedOnlyOnce() {
        RecordingPeer peer = new RecordingPeer(false);
        SocketWriter writer = writer(peer, 64);
        List<JournalEvent> stored = appendTo(journal, 3);
        writer.subscribe(tenant, Optional.of(0L), EventFilter.ALL);
        await().atMost(Duration.ofSeconds(5)).until(() -> seqs(peer).size() == 3);

        writer.deliver(stored.get(1));
        writer.deliver(stored.get(2));
        appendTo(journal, 1);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(seqs(peer)).containsExactly(1L, 2L, 3L, 4L));
    }

    @Test
    void givesUpOnAClientThatStopsReadingInsteadOfSkippingEvents() {
        RecordingPeer stalled = new RecordingPeer(true);
        SocketWriter writer = writer(stalled, 8);
        writer.subscribe(tenant, Optional.of(0L), EventFilter.ALL);
        await().atMost(Duration.ofSeconds(5)).until(() -> fanout.subscribers(tenant) == 1);

        for (int i = 0; i < 400 && terminated.get() == null; i++) {
            appendTo(journal, 1);
        }

        assertThat(terminated.get()).isEqualTo(CloseCode.SLOW_CONSUMER);
    }

    @Test
    void closesAfterTheFramesQueuedBeforeTheClose() {
        RecordingPeer peer = new RecordingPeer(false);
        SocketWriter writer = writer(peer, 64);
        writer.text("{\"op\":\"error\",\"code\":\"x\",\"message\":\"y\"}");
        writer.closeAfterQueued(CloseCode.UNAUTHORIZED, "unauthorized");
        writer.text("{\"op\":\"pong\"}");

        await().atMost(Duration.ofSeconds(5)).until(() -> !peer.closes.isEmpty());
        assertThat(peer.sent).containsExactly("{\"op\":\"error\",\"code\":\"x\",\"message\":\"y\"}");
        assertThat(peer.closes).containsExactly(CloseCode.UNAUTHORIZED);
    }

    private SocketWriter writer(Peer peer, int capacity) {
        SocketWriter writer = new SocketWriter(peer, journal, new HeadSnapshots(journal), capacity, 10, terminated::set);
        writer.start(Thread.ofVirtual().factory());
        writers.add(writer);
        return writer;
    }

    private List<JournalEvent> appendTo(EventJournal target, int count) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new NewEvent("call.delivered", Optional.of("c" + i), Optional.of("1002"), Map.of()));
        }
        return target.appendAll(tenant, events);
    }

    private static List<Long> seqs(RecordingPeer peer) {
        List<Long> seqs = new ArrayList<>();
        for (String frame : peer.sent) {
            try {
                JsonNode message = JSON.readTree(frame);
                if ("event".equals(message.path("op").asText())) {
                    seqs.add(message.get("seq").asLong());
                }
            } catch (JsonProcessingException e) {
                throw new AssertionError(frame, e);
            }
        }
        return seqs;
    }
}
