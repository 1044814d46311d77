package io.ramal.it.cti;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.server.TestServer;
import io.ramal.store.EventLog;
import io.ramal.store.EventRetention;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls between SIPp phones through a running Ramal, watched on the event WebSocket as an
 * integrator would: the event sequence of a call, resuming after a disconnect and after a server
 * restart, and a snapshot when the resume point is gone.
 */
class EventStreamCallsTest {
  private static final Duration RUN = Duration.ofSeconds(30);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final SipAccount ALICE = new SipAccount("1001", "demo1001");
  private static final SipAccount BOB = new SipAccount("1002", "demo1002");
  private TestServer server;

  @BeforeEach
  void startServer() {
    server = TestServer.start(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), Duration.ofSeconds(5));
  }

  @AfterEach
  void stopServer() {
    if (server != null) server.close();
  }

  private InetSocketAddress sip() {
    return server.sipAddress();
  }

  private String token() {
    return new ApiClient(server.httpPort()).accessToken("alice", "demo-alice");
  }

  /** Connects, authenticates with alice's token and subscribes; returns the client after "subscribed". */
  private EventStreamClient subscribe(String resumeFrom) {
    EventStreamClient client = EventStreamClient.connect(server.httpPort(), token());
    client.next("authenticated", WAIT);
    client.send(resumeFrom == null ? "{\"op\":\"subscribe\"}" : "{\"op\":\"subscribe\",\"resume_from\":" + resumeFrom + "}");
    client.next("subscribed", WAIT);
    return client;
  }

  private static Predicate<JsonNode> clearedTwice(String callId) {
    Set<String> cleared = new HashSet<>();
    return e -> callId.equals(e.path("call_id").asText()) && e.path("type").asText().equals("connection.cleared")
        && cleared.add(e.path("device").asText()) && cleared.size() == 2;
  }

  private static Predicate<JsonNode> type(String type) {
    return e -> e.path("type").asText().equals(type);
  }

  private static void assertConsecutive(long after, List<JsonNode> events) {
    long expected = after;
    for (JsonNode event : events) {
      assertThat(event.path("seq").asLong()).as("seq after %d in %s", expected, events).isEqualTo(++expected);
    }
  }

  private Sipp registeredBob() {
    Sipp callee = SippPeers.registeredCallee(sip(), BOB, CalleeBehavior.answer()).start();
    callee.awaitRegistered(RUN);
    return callee;
  }

  @Test
  void aCallBetweenTwoPhonesReachesASubscriberAsConsecutiveCstaEvents() {
    try (EventStreamClient client = subscribe(null)) {
      long snapshotSeq = client.next("snapshot", WAIT).path("seq").asLong();
      try (Sipp callee = registeredBob()) {
        SippPeers.caller(sip(), ALICE, "1002").callDuration(Duration.ofMillis(300)).run(RUN).requireSuccess();
        callee.awaitExit(RUN).requireSuccess();
      }
      JsonNode originated = client.next(type("call.originated"), WAIT);
      String callId = originated.path("call_id").asText();
      List<JsonNode> rest = client.eventsUntil(clearedTwice(callId), WAIT);

      List<JsonNode> events = new java.util.ArrayList<>();
      events.add(originated);
      events.addAll(rest);
      // the call's CSTA events; bob's screen pop (1002 is his extension) and the call's record
      // (cdr.created, written as the call ends, so before or after the last clearing) share the stream
      List<JsonNode> ofCall = events.stream().filter(e -> callId.equals(e.path("call_id").asText()))
          .filter(e -> !e.path("type").asText().equals("screen_pop") && !e.path("type").asText().equals("cdr.created"))
          .toList();
      assertThat(ofCall).extracting(e -> e.path("type").asText() + "@" + e.path("device").asText())
          .containsExactly("call.originated@1001", "call.delivered@1002", "call.established@1002",
              "connection.cleared@1002", "connection.cleared@1001");
      JsonNode delivered = ofCall.get(1);
      assertThat(delivered.path("caller_number").asText()).isEqualTo("1001");
      assertThat(delivered.path("callee_number").asText()).isEqualTo("1002");
      assertThat(delivered.path("direction").asText()).isEqualTo("internal");
      assertThat(delivered.path("tenant").asText()).isEqualTo("demo");
      assertThat(ofCall).allSatisfy(e -> assertThat(e.path("id").asText()).isNotBlank());
      // everything since the snapshot, call or registration, arrives with consecutive seq values
      long first = events.getFirst().path("seq").asLong();
      assertThat(first).isGreaterThan(snapshotSeq);
      assertConsecutive(first - 1, events);
    }
  }

  @Test
  void aClientThatReconnectsGetsExactlyWhatItMissedAlsoAfterARestart() {
    EventStreamClient watcher = subscribe("0");
    String callId;
    long lastSeen;
    try (Sipp callee = registeredBob()) {
      Sipp caller = SippPeers.caller(sip(), ALICE, "1002").callDuration(Duration.ofSeconds(2)).start();
      try (EventStreamClient early = subscribe("0")) {
        JsonNode established = early.next(type("call.established"), WAIT);
        callId = established.path("call_id").asText();
        lastSeen = established.path("seq").asLong();
      } // disconnects mid-call
      caller.awaitExit(RUN).requireSuccess();
      callee.awaitExit(RUN).requireSuccess();
    }
    List<JsonNode> all = watcher.eventsUntil(clearedTwice(callId), WAIT);
    watcher.close();
    List<JsonNode> missed = all.stream().filter(e -> e.path("seq").asLong() > lastSeen).toList();
    assertThat(missed).isNotEmpty();

    try (EventStreamClient resumed = subscribe(Long.toString(lastSeen))) {
      List<JsonNode> got = resumed.eventsUntil(clearedTwice(callId), WAIT);
      assertThat(got).extracting(e -> e.path("id").asText())
          .containsExactlyElementsOf(missed.stream().map(e -> e.path("id").asText()).toList());
      assertConsecutive(lastSeen, got);
    }

    server.restart();

    long end = all.getLast().path("seq").asLong();
    try (EventStreamClient afterRestart = subscribe("0")) {
      List<JsonNode> replayed = afterRestart.eventsUntil(e -> e.path("seq").asLong() == end, WAIT);
      assertThat(replayed).extracting(e -> e.path("id").asText())
          .containsExactlyElementsOf(all.stream().map(e -> e.path("id").asText()).toList());
      try (Sipp callee = registeredBob()) {
        SippPeers.caller(sip(), ALICE, "1002").callDuration(Duration.ofMillis(200)).run(RUN).requireSuccess();
        callee.awaitExit(RUN).requireSuccess();
      }
      JsonNode next = afterRestart.next("event", WAIT);
      assertThat(next.path("seq").asLong()).as("the log continues after a restart").isEqualTo(end + 1);
    }
  }

  @Test
  void aResumePointOlderThanRetentionGetsASnapshotValidAtItsSeqThenLiveEvents() {
    try (Sipp callee = registeredBob()) {
      Sipp caller = SippPeers.caller(sip(), ALICE, "1002").callDuration(Duration.ofSeconds(2)).start();
      String callId;
      try (EventStreamClient live = subscribe("0")) {
        callId = live.next(type("call.established"), WAIT).path("call_id").asText();
      }
      long pruned = new EventLog(server.ramal().dataSource(), InstantSource.system())
          .pruneAll(EventRetention.ofMaxEvents(1));
      assertThat(pruned).isPositive();

      try (EventStreamClient late = subscribe("1")) {
        JsonNode snapshot = late.next("snapshot", WAIT);
        long seq = snapshot.path("seq").asLong();
        JsonNode call = null;
        for (JsonNode c : snapshot.path("data").path("calls")) {
          if (c.path("call_id").asText().equals(callId)) call = c;
        }
        assertThat(call).as("the live call is in the snapshot: %s", snapshot).isNotNull();
        assertThat(call.path("state").asText()).isEqualTo("connected");
        caller.awaitExit(RUN).requireSuccess();
        callee.awaitExit(RUN).requireSuccess();
        List<JsonNode> after = late.eventsUntil(clearedTwice(callId), WAIT);
        assertConsecutive(seq, after);
      }
    }
  }
}
