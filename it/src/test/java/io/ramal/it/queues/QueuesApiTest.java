package io.ramal.it.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.cti.CampaignFields;
import io.ramal.cti.queue.QueueControl;
import io.ramal.cti.queue.QueueEffect;
import io.ramal.cti.queue.QueueFact;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.server.TestServer;
import io.ramal.server.config.ExtensionConfig;
import io.ramal.server.config.TenantConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Queues against a whole running server: an admin creates a queue, agents of the demo tenant (alice and
 * bob, agents on 1001 and 1002; carol a supervisor) log in, join it, pause in it and in reasons, and the
 * numbers come out of the stats. The test plays the PBX's part of the queue port: it reports callers and
 * answers, and records what the queues ask of the PBX. Memberships survive a restart; another tenant sees
 * none of it.
 */
class QueuesApiTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private TestServer server;
  private ApiClient api;
  private String admin;
  private String alice;
  private String bob;
  private String carol;
  private final RecordingQueueControl pbx = new RecordingQueueControl();

  /** The PBX's side of the port as this test plays it: every effect the queues asked for, in order. */
  private static final class RecordingQueueControl implements QueueControl {
    final BlockingQueue<QueueEffect> effects = new LinkedBlockingQueue<>();
    final List<QueueEffect> history = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void offer(QueueEffect.Offer offer) {
      effects.add(offer);
      history.add(offer);
    }

    @Override
    public void withdraw(QueueEffect.Withdraw withdraw) {
      effects.add(withdraw);
      history.add(withdraw);
    }

    @Override
    public void overflow(QueueEffect.Overflow overflow) {
      effects.add(overflow);
      history.add(overflow);
    }

    @Override
    public void release(QueueEffect.Release release) {
      effects.add(release);
      history.add(release);
    }

    @Override
    public void announce(QueueEffect.Announce announce) {
      effects.add(announce);
      history.add(announce);
    }

    <T extends QueueEffect> T next(Class<T> type) throws InterruptedException {
      while (true) {
        QueueEffect effect = effects.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(effect).as("a %s from the queues after %s", type.getSimpleName(), history).isNotNull();
        if (type.isInstance(effect)) {
          return type.cast(effect);
        }
      }
    }
  }

  @BeforeEach
  void start() {
    TenantConfig acme = new TenantConfig("acme", "Acme", List.of("acme.example"),
        List.of(new ExtensionConfig("2001", "Reception", "acme2001secret")), List.of(), List.of());
    server = TestServer.startWithTenants(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), List.of(acme));
    server.ramal().queues().control(pbx);
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
    alice = api.accessToken("alice", "demo-alice");
    bob = api.accessToken("bob", "demo-bob");
    carol = api.accessToken("carol", "demo-carol");
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private Answer as(String token, String method, String path, Object body) {
    return api.call(method, path, Optional.of(token), body);
  }

  private EventStreamClient queueEvents(String token) {
    EventStreamClient events = EventStreamClient.connect(server.httpPort(), token);
    events.next("authenticated", WAIT);
    events.send("{\"op\":\"subscribe\",\"filters\":{\"types\":[\"queue.*\"]}}");
    events.next("snapshot", WAIT);
    return events;
  }

  private static JsonNode event(EventStreamClient events, String type) {
    return events.next(f -> f.path("op").asText().equals("event") && f.path("type").asText().equals(type), WAIT);
  }

  private JsonNode stats() {
    Answer answer = api.get("/api/v1/queues/sales/stats", carol);
    assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
    return answer.json();
  }

  private void report(QueueFact fact) {
    server.ramal().queues().report(fact);
  }

  @Test
  void agentsJoinPauseAndTakeQueueCallsAndTheStatisticsCountThem() throws Exception {
    Answer created = as(admin, "POST", "/api/v1/queues", Map.of("name", "sales", "strategy", "round_robin",
        "max_wait_s", 60, "overflow_to", "extension:1003", "service_level_s", 20));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    assertThat(as(alice, "POST", "/api/v1/queues", Map.of("name", "other")).code()).isEqualTo("forbidden");
    assertThat(as(alice, "POST", "/api/v1/agents/me/login", Map.of("extension", "1001")).status()).isEqualTo(201);
    assertThat(as(bob, "POST", "/api/v1/agents/me/login", Map.of("extension", "1002")).status()).isEqualTo(201);

    try (EventStreamClient watch = queueEvents(carol)) {
      Answer joined = as(alice, "PUT", "/api/v1/queues/sales/members/me", null);
      assertThat(joined.status()).as(joined.json().toString()).isEqualTo(201);
      assertThat(joined.json().path("status").asText()).isEqualTo("ready");
      assertThat(joined.json().path("device").asText()).isEqualTo("1001");
      JsonNode aliceJoined = event(watch, "queue.member_joined");
      assertThat(aliceJoined.path("device").asText()).isEqualTo("1001");
      assertThat(aliceJoined.path("data").path("username").asText()).isEqualTo("alice");
      assertThat(as(carol, "PUT", "/api/v1/queues/sales/members/bob", Map.of("priority", 0)).status())
          .as("a supervisor adds an agent").isEqualTo(201);
      event(watch, "queue.member_joined");

      Answer paused = as(bob, "POST", "/api/v1/queues/sales/members/me/pause", Map.of("reason", "coaching"));
      assertThat(paused.json().path("status").asText()).isEqualTo("paused");
      assertThat(event(watch, "queue.member_paused").path("data").path("pause_reason").asText())
          .isEqualTo("coaching");
      assertThat(as(bob, "POST", "/api/v1/queues/sales/members/alice/pause", null).code())
          .as("an agent acts on itself only").isEqualTo("forbidden");

      CampaignFields campaign = new CampaignFields(Optional.of("C-77"), Optional.of("Maria Souza"),
          Optional.of("Black Friday"), Optional.of("+5511988887777"), List.of(Optional.of("gold")));
      report(new QueueFact.CallerArrived("demo", "q-1", "sales", "+5511988887777", Optional.of("Maria"), campaign,
          Instant.now()));
      QueueEffect.Offer offer = pbx.next(QueueEffect.Offer.class);
      assertThat(offer.device()).as("bob is paused in the queue").isEqualTo("1001");
      assertThat(offer.campaign().customerCode()).contains("C-77");
      JsonNode joinedCaller = event(watch, "queue.caller_joined");
      assertThat(joinedCaller.path("call_id").asText()).isEqualTo("q-1");
      assertThat(joinedCaller.path("data").path("campaign").path("campaign").asText()).isEqualTo("Black Friday");
      assertThat(event(watch, "queue.offered").path("device").asText()).isEqualTo("1001");
      JsonNode waiting = api.get("/api/v1/queues/sales/callers", alice).json().path("callers");
      assertThat(waiting).hasSize(1);
      assertThat(waiting.get(0).path("offered_to").get(0).path("username").asText()).isEqualTo("alice");

      report(new QueueFact.OfferAnswered("demo", "q-1", "1001", Instant.now()));
      JsonNode left = event(watch, "queue.caller_left");
      assertThat(left.path("data").path("reason").asText()).isEqualTo("answered");
      assertThat(left.path("data").path("answered_by").path("username").asText()).isEqualTo("alice");
      report(new QueueFact.CallEnded("demo", "q-1", Instant.now().plusSeconds(42)));
      await().atMost(WAIT).until(() -> stats().path("agents").path(0).path("calls_handled").asInt() == 1);

      as(admin, "POST", "/api/v1/pause-reasons", Map.of("id", "lunch", "name", "Lunch"));
      assertThat(as(alice, "POST", "/api/v1/agents/me/pause", Map.of("reason_id", "lunch")).status()).isEqualTo(200);
      report(new QueueFact.CallerArrived("demo", "q-2", "sales", "+5511911112222", Optional.empty(),
          CampaignFields.NONE, Instant.now()));
      event(watch, "queue.caller_joined");
      await().atMost(WAIT).until(() -> stats().path("waiting").asInt() == 1);
      assertThat(api.get("/api/v1/queues/sales/members", carol).json().path("members"))
          .extracting(m -> m.path("username").asText() + ":" + m.path("status").asText())
          .as("lunch may not receive calls; bob is paused in the queue")
          .containsExactly("alice:agent_paused", "bob:paused");
      assertThat(pbx.effects).as("nobody was offered q-2").noneMatch(QueueEffect.Offer.class::isInstance);

      assertThat(as(bob, "POST", "/api/v1/agents/me/queues/unpause", null).json().path("memberships").get(0)
          .path("paused").asBoolean()).isFalse();
      event(watch, "queue.member_unpaused");
      QueueEffect.Offer second = pbx.next(QueueEffect.Offer.class);
      assertThat(second.callId()).isEqualTo("q-2");
      assertThat(second.device()).isEqualTo("1002");
      report(new QueueFact.CallEnded("demo", "q-2", Instant.now()));
      assertThat(event(watch, "queue.caller_left").path("data").path("reason").asText()).isEqualTo("abandoned");
    }

    JsonNode stats = stats();
    assertThat(stats.path("entered").asInt()).isEqualTo(2);
    assertThat(stats.path("answered").asInt()).isEqualTo(1);
    assertThat(stats.path("answered_within_sl").asInt()).isEqualTo(1);
    assertThat(stats.path("abandoned").asInt()).isEqualTo(1);
    assertThat(stats.path("service_level_pct").asDouble()).isEqualTo(50.0);
    assertThat(stats.path("waiting").asInt()).isZero();
    assertThat(stats.path("agents")).singleElement().satisfies(a -> {
      assertThat(a.path("username").asText()).isEqualTo("alice");
      assertThat(a.path("calls_answered").asInt()).isEqualTo(1);
      assertThat(a.path("calls_handled").asInt()).isEqualTo(1);
      assertThat(a.path("handling_time_s").asDouble()).isGreaterThanOrEqualTo(42.0);
    });
    assertThat(api.get("/api/v1/queue-stats", bob).json().path("agents")).hasSize(1);

    String acmeAdmin = api.accessToken("admin@acme", server.initialAdminPassword("acme"));
    assertThat(api.get("/api/v1/queues", acmeAdmin).json().path("queues")).as("another tenant's").isEmpty();
    assertThat(api.get("/api/v1/queues/sales/stats", acmeAdmin).code()).isEqualTo("queue_not_found");
  }

  @Test
  void anOfferThatRingsOutGoesToTheNextAgentAndACallerPastTheMaximumWaitOverflows() throws Exception {
    assertThat(as(admin, "POST", "/api/v1/queues", Map.of("name", "hotline", "strategy", "round_robin",
        "ring_timeout_s", 1, "max_wait_s", 3, "overflow_to", "number:+551130001000")).status()).isEqualTo(201);
    for (String agent : List.of("alice", "bob")) {
      String token = agent.equals("alice") ? alice : bob;
      assertThat(as(token, "POST", "/api/v1/agents/me/login", Map.of("extension", agent.equals("alice") ? "1001"
          : "1002")).status()).isEqualTo(201);
      assertThat(as(token, "PUT", "/api/v1/queues/hotline/members/me", null).status()).isEqualTo(201);
    }
    try (EventStreamClient watch = queueEvents(carol)) {
      report(new QueueFact.CallerArrived("demo", "h-1", "hotline", "+5511933334444", Optional.empty(),
          CampaignFields.NONE, Instant.now()));
      assertThat(pbx.next(QueueEffect.Offer.class).device()).isEqualTo("1001");
      QueueEffect.Withdraw rangOut = pbx.next(QueueEffect.Withdraw.class);
      assertThat(rangOut.cause()).isEqualTo(QueueEffect.Withdraw.Cause.RING_TIMEOUT);
      assertThat(pbx.next(QueueEffect.Offer.class).device()).as("round robin: the next member").isEqualTo("1002");

      QueueEffect.Overflow overflow = pbx.next(QueueEffect.Overflow.class);
      assertThat(overflow.destination().toString()).isEqualTo("number:+551130001000");
      assertThat(overflow.cause()).isEqualTo(QueueEffect.Exit.MAX_WAIT);
      JsonNode left = event(watch, "queue.caller_left");
      assertThat(left.path("data").path("reason").asText()).isEqualTo("overflow");
      assertThat(left.path("data").path("wait_s").asInt()).isEqualTo(3);
    }
    JsonNode hotline = api.get("/api/v1/queues/hotline/stats", carol).json();
    assertThat(hotline.path("overflowed").asInt()).isEqualTo(1);
    assertThat(hotline.path("service_level_pct").asDouble()).isZero();
  }

  @Test
  void queuesAndMembershipsSurviveARestartWithTheirPauses() {
    assertThat(as(admin, "POST", "/api/v1/queues", Map.of("name", "support", "wrap_up_s", 10)).status())
        .isEqualTo(201);
    assertThat(as(alice, "PUT", "/api/v1/queues/support/members/me", null).status()).isEqualTo(201);
    assertThat(as(carol, "PUT", "/api/v1/queues/support/members/bob", Map.of("priority", 3)).status()).isEqualTo(201);
    assertThat(as(bob, "POST", "/api/v1/agents/me/queues/pause", Map.of("reason", "training")).status())
        .isEqualTo(200);

    server.restart();
    api = new ApiClient(server.httpPort());
    String carolAgain = api.accessToken("carol", "demo-carol");
    Answer queue = api.get("/api/v1/queues/support", carolAgain);
    assertThat(queue.json().path("wrap_up_s").asInt()).isEqualTo(10);
    assertThat(api.get("/api/v1/queues/support/members", carolAgain).json().path("members"))
        .extracting(m -> m.path("username").asText() + ":" + m.path("priority").asInt() + ":"
            + m.path("paused").asBoolean() + ":" + m.path("pause_reason").asText())
        .containsExactly("alice:0:false:null", "bob:3:true:training");
    assertThat(api.get("/api/v1/agents/bob/queues", carolAgain).json().path("memberships")).hasSize(1);
  }
}
