package io.ramal.it.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.BaresipEvent;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.LiveCalls;
import io.ramal.it.harness.PortRange;
import io.ramal.it.server.TestServer;
import io.ramal.server.config.Config;
import io.ramal.server.config.SipTransport;
import io.ramal.server.config.StoreConfig;
import io.ramal.server.config.TrunkConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Which agent's phone a queue call rings, strategy by strategy, with real calls: carriers (baresip
 * phones sending from 127.0.0.1, which the trunk lists as its source) dial a DID that leads to the
 * test's queue; alice (1001), bob (1002) and carol (1003) are logged-in agents on baresip phones that
 * ring until the test answers, declines or lets them ring out (the queues ring 2 s). Who rang is read
 * from the phones and from the {@code call.delivered} events of each caller's call, in order; the
 * instants from the events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueStrategiesTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final int RING_TIMEOUT_S = 2;
  /**
   * The ring timeout less the few milliseconds between an offer and its event's {@code ts} (stamped when
   * the event is stored), to compare the {@code ts} of two offers.
   */
  private static final Duration RING_TIMEOUT_NEARLY = Duration.ofSeconds(RING_TIMEOUT_S).minusMillis(100);
  private static final List<String> DEVICES = List.of("1001", "1002", "1003");
  private TestServer server;
  private PortRange rtp;
  private ApiClient api;
  private String admin;
  private Agent alice;
  private Agent bob;
  private Agent carol;
  private final List<Baresip> carriers = new ArrayList<>();
  private final Map<Baresip, Integer> marks = new HashMap<>();
  private final List<JsonNode> seen = new ArrayList<>();
  private final Map<Agent, String> talking = new HashMap<>();
  private EventStreamClient events;
  private String queue;
  private String did;
  private int callers;

  /** An agent and its phone. */
  private record Agent(String username, String device, Baresip phone) {
    @Override
    public String toString() {
      return username + "@" + device;
    }
  }

  /** A carrier's caller waiting in (or served by) the queue: its call. */
  private record Caller(Baresip phone, String number, String callId) {}

  @BeforeAll
  void start() {
    TrunkConfig carrier = new TrunkConfig("local-trunk", "127.0.0.1", FreePorts.udpAndTcp(), SipTransport.UDP,
        Optional.empty(), Optional.empty(), false, Optional.empty(), Duration.ofHours(1), List.of(), Optional.empty(),
        List.of("127.0.0.1"));
    // RTP ports of the test's own (free) block: the default range's start may be crowded by other servers
    rtp = FreePorts.consecutive(202);
    int low = rtp.first() + rtp.first() % 2;
    server = TestServer.start(FreePorts.udpAndTcp(), carrier, Duration.ofSeconds(20), StoreConfig.EMBEDDED,
        Config.demo().media().withPorts(low, low + 199));
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
    ok(as("POST", "/api/v1/pause-reasons", Map.of("id", "lunch", "name", "Lunch")), 201);
    ok(as("POST", "/api/v1/pause-reasons", Map.of("id", "backoffice", "name", "Back office",
        "may_receive_calls", true)), 201);
    alice = agent("alice", "1001");
    bob = agent("bob", "1002");
    carol = agent("carol", "1003");
  }

  @AfterAll
  void stop() {
    for (Agent agent : new Agent[] {alice, bob, carol}) {
      if (agent != null) agent.phone().close();
    }
    if (server != null) server.close();
    if (rtp != null) FreePorts.release(rtp);
  }

  @BeforeEach
  void watch() {
    seen.clear();
    events = LiveCalls.subscribed(server.httpPort(), admin, "call.delivered", "call.established", "connection.cleared",
        "queue.*", "agent.paused");
    for (Agent agent : List.of(alice, bob, carol)) marks.put(agent.phone(), agent.phone().events().size());
  }

  @AfterEach
  void clear() {
    for (Baresip carrier : carriers) {
      carrier.hangup();
    }
    for (Agent agent : List.of(alice, bob, carol)) {
      agent.phone().hangup();
      ok(as("POST", "/api/v1/agents/" + agent.username() + "/available", null), 200);
    }
    if (queue != null) {
      await().atMost(WAIT).until(() -> stats().path("waiting").asInt() == 0);
      ok(as("DELETE", "/api/v1/dids/" + did, null), 204);
      ok(as("DELETE", "/api/v1/queues/" + queue, null), 204);
    }
    carriers.forEach(Baresip::close);
    carriers.clear();
    talking.clear();
    events.close();
    queue = null;
  }

  @Test
  void longestIdleRingsOnlyTheAgentIdleLongestThenTheNextLongestWhenItRingsOut() {
    queue("idle", "4101", "longest_idle");
    join(alice, 0);
    join(bob, 0);
    join(carol, 0);
    // each agent takes a call (longest idle picks whoever is free), then they hang up: bob, carol, alice
    for (int i = 0; i < 3; i++) {
      Caller caller = dial();
      answer(agentAt(firstRung(caller)), caller);
    }
    assertThat(talking).as("three callers, three agents").hasSize(3);
    Instant bobEnded = hangUp(bob);
    Instant carolEnded = hangUp(carol);
    Instant aliceEnded = hangUp(alice);
    assertThat(bobEnded).isBefore(carolEnded);
    assertThat(carolEnded).isBefore(aliceEnded);

    int aliceRang = rings(alice);
    Caller next = dial();
    ringing(bob);
    awaitEvent(delivered(next, carol));
    answer(carol, next);

    assertThat(rung(next)).as("bob (idle since his call ended first), then carol").containsExactly("1002", "1003");
    assertThat(offeredAt(next, carol)).as("carol only after bob rang the ring timeout")
        .isAfterOrEqualTo(offeredAt(next, bob).plus(RING_TIMEOUT_NEARLY));
    assertThat(rings(alice)).as("alice, idle the shortest, never rang").isEqualTo(aliceRang);
    hangUp(carol);
  }

  @Test
  void roundRobinRingsOneAgentPerCallInJoinOrderWrappingAround() {
    queue("rr", "4102", "round_robin");
    join(bob, 0);
    join(carol, 0);
    join(alice, 0);
    List<List<String>> rungPerCall = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Caller caller = dial();
      Agent rung = agentAt(firstRung(caller));
      answer(rung, caller);
      hangUp(rung);
      rungPerCall.add(rung(caller));
    }

    assertThat(rungPerCall).as("one phone per call, in the order the agents joined, then bob again")
        .containsExactly(List.of("1002"), List.of("1003"), List.of("1001"), List.of("1002"));
  }

  @Test
  void fewestCallsRingsTheAgentWhoAnsweredTheFewestCallsOfTheQueueFirst() {
    queue("few", "4103", "fewest_calls");
    join(alice, 0);
    join(bob, 0);
    join(carol, 0);
    pause(carol, "lunch");
    Caller first = dial();
    answer(alice, first);
    hangUp(alice);
    Caller second = dial();
    answer(bob, second);
    hangUp(bob);
    ok(as("POST", "/api/v1/agents/carol/available", null), 200);

    Caller third = dial();
    ringing(carol);
    carol.phone().hangup(); // declines: alice and bob answered one call each, alice joined first
    answer(alice, third);
    hangUp(alice);
    Caller fourth = dial();
    answer(carol, fourth);
    hangUp(carol);

    assertThat(rung(first)).as("nobody answered a call yet: the first to join").containsExactly("1001");
    assertThat(rung(second)).as("bob, with none answered").containsExactly("1002");
    assertThat(rung(third)).as("carol (none answered) first, then the tie by join order")
        .containsExactly("1003", "1001");
    assertThat(rung(fourth)).as("carol still answered the fewest (round robin and longest idle would pick bob)")
        .containsExactly("1003");
    await().atMost(WAIT).untilAsserted(() -> assertThat(stats().path("agents"))
        .extracting(a -> a.path("username").asText() + ":" + a.path("calls_answered").asInt())
        .containsExactlyInAnyOrder("alice:2", "bob:1", "carol:1"));
  }

  @Test
  void aLowerPriorityTierRingsOnlyWhenNoMemberOfTheHigherTierIsFreeAndUntried() {
    queue("tiers", "4104", "ring_all");
    join(alice, 0);
    join(bob, 0);
    join(carol, 1);
    Caller first = dial();
    answer(alice, first);
    ringing(bob);

    Caller second = dial(); // alice talks; bob is the tier's only free member
    ringing(bob);
    awaitEvent(delivered(second, carol));
    answer(carol, second);

    assertThat(rung(first)).as("the first tier at once, not carol").containsExactlyInAnyOrder("1001", "1002");
    assertThat(rung(second)).as("bob, and carol once bob rang out").containsExactly("1002", "1003");
    assertThat(offeredAt(second, carol)).isAfterOrEqualTo(offeredAt(second, bob).plus(RING_TIMEOUT_NEARLY));
    hangUp(alice);
    hangUp(carol);
  }

  @Test
  void anAgentPausedInAReasonThatMayNotReceiveCallsIsNeverRungOneThatMayIs() {
    queue("pauses", "4105", "round_robin");
    join(alice, 0);
    join(bob, 0);
    pause(alice, "lunch");
    pause(bob, "backoffice");
    assertThat(status(alice)).isEqualTo("agent_paused");
    assertThat(status(bob)).isEqualTo("ready");

    Caller first = dial();
    answer(bob, first);
    hangUp(bob);
    ok(as("POST", "/api/v1/agents/alice/available", null), 200);
    Caller second = dial();
    answer(alice, second);
    hangUp(alice);

    assertThat(rung(first)).as("alice joined first but is at lunch; bob in back office may take calls")
        .containsExactly("1002");
    assertThat(rung(second)).as("back from lunch, alice is next after bob").containsExactly("1001");
    assertThat(rings(alice)).as("alice's phone rang once, for the second caller").isEqualTo(1);
  }

  @Test
  void afterAQueueCallItsAgentIsNotRungForTheWrapUpThenItIs() {
    queue("wrap", "4106", "ring_all", Map.of("wrap_up_s", 2));
    join(alice, 0);
    Caller first = dial();
    answer(alice, first);
    Caller second = dial();
    assertThat(status(alice)).isEqualTo("in_call");
    Instant ended = hangUp(alice);

    JsonNode rings = awaitEvent(delivered(second, alice));
    ringing(alice);

    assertThat(since(rings)).as("rung only once the 2 s wrap-up after " + ended + " were over")
        .isAfterOrEqualTo(ended.plusSeconds(2));
    assertThat(rung(second)).containsExactly("1001");
    JsonNode offered = awaitEvent(e -> type(e, "queue.offered") && e.path("call_id").asText().equals(second.callId()));
    assertThat(Instant.parse(offered.path("ts").asText())).isAfterOrEqualTo(ended.plusSeconds(2));
  }

  @Test
  void anAgentWhoAsksForAPauseDuringAQueueCallIsPausedWhenItEndsAndTheNextCallerDoesNotRingIt() {
    queue("after", "4107", "longest_idle");
    join(alice, 0);
    Caller first = dial();
    answer(alice, first);
    Answer pending = as("POST", "/api/v1/agents/alice/pause", Map.of("reason_id", "lunch", "after_call", true));
    ok(pending, 200);
    assertThat(pending.json().path("state").asText()).isEqualTo("available");
    Caller second = dial(); // waits: alice is on the call
    hangUp(alice);

    JsonNode paused = awaitEvent(e -> type(e, "agent.paused") && e.path("device").asText().equals("1001"));
    await().atMost(WAIT).until(() -> status(alice).equals("agent_paused"));
    join(bob, 0);
    answer(bob, second);
    hangUp(bob);

    assertThat(paused.path("data").path("cause").asText()).isEqualTo("after_call");
    assertThat(rung(second)).as("the waiting caller went to bob when he joined, never to alice")
        .containsExactly("1002");
    assertThat(rings(alice)).as("alice's phone rang for the first call only").isEqualTo(1);
  }

  @Test
  void aCallerWhoseOnlyAgentCannotBeReachedIsOfferedToItOncePerRingTimeoutNotOverAndOver() {
    queue("gone", "4108", "ring_all");
    ok(as("POST", "/api/v1/agents/admin/login", Map.of("extension", "1004")), 201); // no phone registered
    try {
      ok(as("PUT", "/api/v1/queues/gone/members/admin", Map.of("priority", 0)), 201);
      Caller caller = dial();
      Predicate<JsonNode> offered = e -> type(e, "queue.offered") && e.path("call_id").asText().equals(caller.callId());
      JsonNode first = awaitEvent(offered);
      JsonNode second = awaitEvent(offered.and(e -> e != first));

      assertThat(Instant.parse(second.path("ts").asText()))
          .as("the unreachable phone is tried again once the ring timeout is over, not at once")
          .isAfterOrEqualTo(Instant.parse(first.path("ts").asText()).plus(RING_TIMEOUT_NEARLY));
      assertThat(second.path("data").path("attempt").asInt()).isEqualTo(2);
    } finally {
      ok(as("POST", "/api/v1/agents/admin/logout", null), 200);
    }
  }

  @Test
  void anAgentWhoTransfersTheCallerAwayIsRungForTheNextCallerWhileTheTransferredCallGoesOn() {
    queue("xfer", "4109", "longest_idle");
    join(alice, 0);
    Caller first = dial();
    answer(alice, first);
    ok(as("POST", "/api/v1/calls/" + first.callId() + "/transfer", Map.of("party", "1001", "to", "1002")), 202);
    ringing(bob);
    assertThat(bob.phone().accept().ok()).isTrue();
    fresh(bob.phone(), "CALL_ESTABLISHED");
    fresh(alice.phone(), "CALL_CLOSED");
    awaitEvent(e -> type(e, "connection.cleared") && at(e, alice) && e.path("call_id").asText().equals(first.callId()));
    talking.remove(alice);

    Caller second = dial();
    answer(alice, second);

    assertThat(rung(second)).as("alice is free once she transferred the first caller to bob").containsExactly("1001");
    assertThat(bob.phone().events().subList(marks.get(bob.phone()), bob.phone().events().size()))
        .as("bob still talks with the first caller").noneMatch(e -> e.type().equals("CALL_CLOSED"));
    hangUp(alice);
    bob.phone().hangup();
    fresh(bob.phone(), "CALL_CLOSED");
  }

  // ---- the queue and its agents ----

  private void queue(String name, String number, String strategy) {
    queue(name, number, strategy, Map.of());
  }

  /** Queue {@code name} ringing each offer 2 s, and DID {@code number} leading to it. */
  private void queue(String name, String number, String strategy, Map<String, Object> more) {
    Map<String, Object> settings = new HashMap<>(more);
    settings.put("name", name);
    settings.put("strategy", strategy);
    settings.put("ring_timeout_s", RING_TIMEOUT_S);
    ok(as("POST", "/api/v1/queues", settings), 201);
    queue = name;
    did = number;
    ok(as("PUT", "/api/v1/dids/" + number, Map.of("queue", name)), 201);
  }

  private Agent agent(String username, String device) {
    Baresip phone = Baresip.builder(device).registrar(server.sipAddress(), "demo" + device)
        .answerMode(Baresip.AnswerMode.MANUAL).start();
    phone.awaitRegistered(WAIT);
    ok(as("POST", "/api/v1/agents/" + username + "/login", Map.of("extension", device)), 201);
    return new Agent(username, device, phone);
  }

  private void join(Agent agent, int priority) {
    ok(as("PUT", "/api/v1/queues/" + queue + "/members/" + agent.username(), Map.of("priority", priority)), 201);
  }

  private void pause(Agent agent, String reason) {
    ok(as("POST", "/api/v1/agents/" + agent.username() + "/pause", Map.of("reason_id", reason)), 200);
  }

  /** Where the agent stands for the queue ({@code ready}, {@code agent_paused}, {@code wrap_up}...). */
  private String status(Agent agent) {
    Answer member = api.get("/api/v1/queues/" + queue + "/members", admin);
    ok(member, 200);
    for (JsonNode m : member.json().path("members")) {
      if (m.path("username").asText().equals(agent.username())) return m.path("status").asText();
    }
    throw new AssertionError(agent + " is not a member: " + member.json());
  }

  private JsonNode stats() {
    Answer answer = api.get("/api/v1/queues/" + queue + "/stats", admin);
    ok(answer, 200);
    return answer.json();
  }

  private Agent agentAt(String device) {
    return List.of(alice, bob, carol).stream().filter(a -> a.device().equals(device)).findFirst().orElseThrow();
  }

  // ---- calls ----

  /** A new carrier's caller dials the queue's DID; Ramal answers it and it waits in the queue. */
  private Caller dial() {
    String number = "+55119000000" + (++callers % 100);
    Baresip carrier = Baresip.builder(number).tone(1000).start();
    carriers.add(carrier);
    carrier.dial("sip:" + did + "@127.0.0.1:" + server.sipAddress().getPort());
    carrier.awaitEvent("CALL_ESTABLISHED", WAIT);
    JsonNode joined = awaitEvent(e -> type(e, "queue.caller_joined")
        && e.path("caller_number").asText().equals(number));
    return new Caller(carrier, number, joined.path("call_id").asText());
  }

  /** The agent's phone rings (a call the test has not seen ring it yet). */
  private void ringing(Agent agent) {
    fresh(agent.phone(), "CALL_INCOMING");
  }

  /** The agent's phone rings with {@code caller}'s call and the agent answers. */
  private void answer(Agent agent, Caller caller) {
    awaitEvent(delivered(caller, agent));
    ringing(agent);
    assertThat(agent.phone().accept().ok()).isTrue();
    fresh(agent.phone(), "CALL_ESTABLISHED");
    awaitEvent(e -> type(e, "call.established") && at(e, agent) && e.path("call_id").asText().equals(caller.callId()));
    talking.put(agent, caller.callId());
  }

  /** The agent hangs up its call; when its part of the call ended, as the events say. */
  private Instant hangUp(Agent agent) {
    assertThat(agent.phone().hangup().ok()).isTrue();
    fresh(agent.phone(), "CALL_CLOSED");
    String callId = talking.remove(agent);
    return since(awaitEvent(e -> type(e, "connection.cleared") && at(e, agent)
        && e.path("call_id").asText().equals(callId)));
  }

  /** The devices {@code caller}'s call rang, in order (one per offer). */
  private List<String> rung(Caller caller) {
    return seen.stream().filter(e -> type(e, "call.delivered") && e.path("call_id").asText().equals(caller.callId()))
        .map(e -> e.path("device").asText()).filter(DEVICES::contains).toList();
  }

  /** The first agent device {@code caller}'s call rings. */
  private String firstRung(Caller caller) {
    return awaitEvent(e -> type(e, "call.delivered") && e.path("call_id").asText().equals(caller.callId())
        && DEVICES.contains(e.path("device").asText())).path("device").asText();
  }

  /** How many calls rang the agent's phone since the test began. */
  private int rings(Agent agent) {
    List<BaresipEvent> all = agent.phone().events();
    return (int) all.subList(marks.get(agent.phone()), all.size()).stream()
        .filter(e -> e.type().equals("CALL_INCOMING")).count();
  }

  /** The phone's next event of {@code type} since the test began. */
  private void fresh(Baresip phone, String type) {
    List<BaresipEvent> before = phone.events().subList(0, marks.get(phone));
    phone.awaitEvent(type, e -> e.type().equals(type) && before.stream().noneMatch(b -> b == e), WAIT);
  }

  // ---- events ----

  /** The first event of the test (seen already, or the next to come) that {@code wanted} matches. */
  private JsonNode awaitEvent(Predicate<JsonNode> wanted) {
    for (JsonNode e : seen) {
      if (wanted.test(e)) return e;
    }
    while (true) {
      JsonNode e = events.next("event", WAIT);
      seen.add(e);
      if (wanted.test(e)) return e;
    }
  }

  /** When the queue offered {@code caller} to the agent (the {@code ts} of its {@code queue.offered}). */
  private Instant offeredAt(Caller caller, Agent agent) {
    return Instant.parse(awaitEvent(e -> type(e, "queue.offered") && at(e, agent)
        && e.path("call_id").asText().equals(caller.callId())).path("ts").asText());
  }

  private static Predicate<JsonNode> delivered(Caller caller, Agent agent) {
    return e -> type(e, "call.delivered") && at(e, agent) && e.path("call_id").asText().equals(caller.callId());
  }

  private static boolean type(JsonNode event, String type) {
    return event.path("type").asText().equals(type);
  }

  private static boolean at(JsonNode event, Agent agent) {
    return event.path("device").asText().equals(agent.device());
  }

  /** When the event's party entered its state. */
  private static Instant since(JsonNode event) {
    return Instant.parse(event.path("data").path("party").path("since").asText());
  }

  private Answer as(String method, String path, Object body) {
    return api.call(method, path, Optional.of(admin), body);
  }

  private static void ok(Answer answer, int status) {
    assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(status);
  }
}
