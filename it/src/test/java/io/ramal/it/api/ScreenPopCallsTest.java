package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.server.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Screen pops with real phones: SIPp calls an agent's extension (bob, 1002), registered from two
 * SIPp phones so every call forks to both; the agent watches with two WebSocket clients, a
 * webhook and a resumed socket, and the tenant's CRM lookup is a real HTTP server on 127.0.0.1.
 */
class ScreenPopCallsTest {
  private static final Duration RUN = Duration.ofSeconds(30);
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();
  private TestServer server;
  private ApiClient api;
  private String admin;
  private HttpServer receiver;
  private final BlockingQueue<JsonNode> webhookBodies = new LinkedBlockingQueue<>();
  private final BlockingQueue<URI> crmRequests = new LinkedBlockingQueue<>();
  private final AtomicInteger crmDelayMs = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = TestServer.start(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), Duration.ofSeconds(10));
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      webhookBodies.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.createContext("/crm", exchange -> {
      crmRequests.add(exchange.getRequestURI());
      try {
        Thread.sleep(crmDelayMs.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String phone = exchange.getRequestURI().getQuery().replaceAll(".*phone=([^&]*).*", "$1");
      byte[] body = ("{\"id\":\"crm-" + phone + "\",\"name\":\"Customer " + phone + "\",\"vip\":true}")
          .getBytes(StandardCharsets.UTF_8);
      try {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      } catch (IOException gaveUp) {
        // Ramal stopped waiting
      }
      exchange.close();
    });
    receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    receiver.start();
    assertThat(api.call("PUT", "/api/v1/webhooks/allow-list", Optional.of(admin),
        Map.of("entries", List.of("127.0.0.1/32"))).status()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    if (receiver != null) receiver.stop(0);
    if (server != null) server.close();
  }

  @Test
  void anAgentWithTwoSocketsAndAWebhookGetsOnePopPerCallAndAResumedSocketOnlyTheSameOnes() throws Exception {
    String bob = api.accessToken("bob", "demo-bob");
    Answer hook = api.call("POST", "/api/v1/webhooks", Optional.of(admin), Map.of(
        "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
        "events", List.of(Map.of("type", "screen_pop", "device", "1002"))));
    assertThat(hook.status()).as(hook.json().toString()).isEqualTo(201);

    List<JsonNode> tab1;
    List<JsonNode> tab2;
    try (EventStreamClient first = popsOf(bob, Optional.empty()); EventStreamClient second = popsOf(bob, Optional.empty());
        Sipp ringing = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1002", "demo1002"),
            CalleeBehavior.ringUntilCancelled(), 2).start();
        Sipp answering = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1002", "demo1002"),
            CalleeBehavior.answer(), 2).start()) {
      ringing.awaitRegistered(RUN);
      answering.awaitRegistered(RUN);
      for (int call = 0; call < 2; call++) {
        SippPeers.caller(server.sipAddress(), new SipAccount("1003", "demo1003"), "1002")
            .callDuration(Duration.ofMillis(500)).run(RUN).requireSuccess();
      }
      answering.awaitExit(RUN).requireSuccess();
      ringing.awaitExit(RUN).requireSuccess();
      tab1 = pops(first, 2);
      tab2 = pops(second, 2);
      Thread.sleep(1_000); // anything else would arrive by now
      assertThat(first.drain()).as("no third pop in the first tab").noneMatch(f -> f.path("op").asText().equals("event"));
      assertThat(second.drain()).as("no third pop in the second tab").noneMatch(f -> f.path("op").asText().equals("event"));
    }

    assertThat(tab1).extracting(p -> p.path("seq").asLong()).doesNotHaveDuplicates()
        .containsExactlyElementsOf(tab2.stream().map(p -> p.path("seq").asLong()).toList());
    assertThat(tab1).extracting(p -> p.path("call_id").asText()).doesNotHaveDuplicates();
    JsonNode pop = tab1.getFirst();
    assertThat(pop.path("device").asText()).isEqualTo("1002");
    assertThat(pop.path("user").path("username").asText()).isEqualTo("bob");
    assertThat(pop.path("caller_number").asText()).isEqualTo("1003");
    assertThat(pop.path("callee_number").asText()).isEqualTo("1002");
    assertThat(pop.path("direction").asText()).isEqualTo("internal");
    assertThat(pop.path("lookup").isNull()).as("no CRM lookup configured").isTrue();
    assertThat(pop.path("contact").isNull()).isTrue();
    assertThat(pop.has("queue") && pop.path("queue").isNull()).isTrue();
    assertThat(pop.has("campaign") && pop.path("campaign").isNull()).isTrue();

    List<JsonNode> delivered = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      JsonNode body = webhookBodies.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(body).as("webhook delivery %d", i + 1).isNotNull();
      delivered.add(body);
    }
    assertThat(webhookBodies.poll(1, TimeUnit.SECONDS)).as("one delivery per pop").isNull();
    assertThat(delivered).extracting(b -> b.path("seq").asLong())
        .containsExactlyElementsOf(tab1.stream().map(p -> p.path("seq").asLong()).toList());

    long firstSeq = tab1.get(0).path("seq").asLong();
    long lastSeq = tab1.get(1).path("seq").asLong();
    try (EventStreamClient resumed = popsOf(bob, Optional.of(firstSeq - 1))) {
      List<JsonNode> replayed = pops(resumed, 2);
      assertThat(replayed).extracting(p -> p.path("seq").asLong() + " " + p.path("id").asText())
          .containsExactlyElementsOf(tab1.stream().map(p -> p.path("seq").asLong() + " " + p.path("id").asText())
              .toList());
      Thread.sleep(500);
      assertThat(resumed.drain()).noneMatch(f -> f.path("op").asText().equals("event"));
    }
    try (EventStreamClient caughtUp = popsOf(bob, Optional.of(lastSeq))) {
      Thread.sleep(1_000);
      assertThat(caughtUp.drain()).as("resumed after the last pop: nothing again")
          .noneMatch(f -> f.path("op").asText().equals("event"));
    }
  }

  @Test
  void theCrmLookupFillsTheContactAndACrmTooSlowStillPopsWithoutIt() throws Exception {
    String bob = api.accessToken("bob", "demo-bob");
    String crm = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/crm?phone=%CALLER_ID%&agent={{user.username}}";
    Answer lookup = api.call("PUT", "/api/v1/screen-pop/lookup", Optional.of(admin),
        Map.of("url", crm, "timeout_ms", 700));
    assertThat(lookup.status()).as(lookup.json().toString()).isEqualTo(200);

    try (EventStreamClient tab = popsOf(bob, Optional.empty());
        Sipp callee = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1002", "demo1002"),
            CalleeBehavior.answer(), 2).start()) {
      callee.awaitRegistered(RUN);
      SippPeers.caller(server.sipAddress(), new SipAccount("1003", "demo1003"), "1002")
          .callDuration(Duration.ofMillis(500)).run(RUN).requireSuccess();
      JsonNode found = pops(tab, 1).getFirst();
      assertThat(crmRequests.poll(1, TimeUnit.SECONDS)).hasToString("/crm?phone=1003&agent=bob");
      assertThat(found.path("lookup").path("status").asText()).isEqualTo("found");
      assertThat(found.path("contact").path("id").asText()).isEqualTo("crm-1003");
      assertThat(found.path("contact").path("name").asText()).isEqualTo("Customer 1003");
      assertThat(found.path("contact").path("vip").asBoolean()).isTrue();

      crmDelayMs.set(5_000);
      try (EventStreamClient ringing = EventStreamClient.connect(server.httpPort(), bob)) {
        ringing.next("authenticated", WAIT);
        ringing.send("{\"op\":\"subscribe\",\"filters\":{\"types\":[\"call.delivered\",\"screen_pop\"]}}");
        ringing.next("snapshot", WAIT);
        SippPeers.caller(server.sipAddress(), new SipAccount("1001", "demo1001"), "1002")
            .callDuration(Duration.ofMillis(500)).run(RUN).requireSuccess();
        JsonNode rang = ringing.next(f -> f.path("type").asText().equals("call.delivered"), WAIT);
        long rangAt = System.nanoTime();
        JsonNode late = ringing.next(f -> f.path("type").asText().equals("screen_pop"), WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - rangAt)).as("the pop waits for the timeout only")
            .isLessThan(Duration.ofMillis(3_000));
        assertThat(late.path("call_id").asText()).isEqualTo(rang.path("call_id").asText());
        assertThat(late.path("caller_number").asText()).isEqualTo("1001");
        assertThat(late.path("contact").isNull()).isTrue();
        assertThat(late.path("lookup").path("status").asText()).isEqualTo("timeout");
        assertThat(late.path("lookup").path("error").asText()).contains("700 ms");
      }
      callee.awaitExit(RUN).requireSuccess();
    }
  }

  @Test
  void popsFollowTheAgentLoggedInAtTheRingingPhoneOncePerCallAndStopWhenItLogsOut() throws Exception {
    String alice = api.accessToken("alice", "demo-alice"); // bound to 1001 by the demo config
    List<JsonNode> everyPop = new ArrayList<>();
    try (EventStreamClient watcher = allPopsOf(admin); EventStreamClient aliceTab1 = allPopsOf(alice);
        EventStreamClient aliceTab2 = allPopsOf(alice);
        Sipp bobsPhone = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1002", "demo1002"),
            CalleeBehavior.answer(), 2).start();
        Sipp alicesPhone = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1001", "demo1001"),
            CalleeBehavior.answer(), 2).start()) {
      bobsPhone.awaitRegistered(RUN);
      alicesPhone.awaitRegistered(RUN);
      Answer login = api.call("POST", "/api/v1/agents/me/login", Optional.of(alice), Map.of("extension", "1002"));
      assertThat(login.status()).as(login.json().toString()).isEqualTo(201);

      JsonNode atBobsPhone = popOfCallTo("1002", watcher);
      JsonNode atHerOwnPhone = popOfCallTo("1001", watcher);
      assertThat(api.call("POST", "/api/v1/agents/me/logout", Optional.of(alice), null).status()).isEqualTo(200);
      JsonNode bobsAgain = popOfCallTo("1002", watcher);
      JsonNode herOwnAgain = popOfCallTo("1001", watcher);
      bobsPhone.awaitExit(RUN).requireSuccess();
      alicesPhone.awaitExit(RUN).requireSuccess();

      assertThat(atBobsPhone.path("user").path("username").asText())
          .as("the agent logged in at 1002, not bob who is bound to it").isEqualTo("alice");
      assertThat(atHerOwnPhone.path("user").isNull())
          .as("alice works at 1002: her own phone pops for nobody").isTrue();
      assertThat(bobsAgain.path("user").path("username").asText()).as("after alice logged out").isEqualTo("bob");
      assertThat(herOwnAgain.path("user").isNull()).as("alice logged out: no pop for her").isTrue();

      Thread.sleep(1_000); // a second pop for any of the calls would be here by now
      everyPop.add(atBobsPhone);
      everyPop.add(atHerOwnPhone);
      everyPop.add(bobsAgain);
      everyPop.add(herOwnAgain);
      assertThat(watcher.drain()).as("one pop per call").noneMatch(f -> f.path("op").asText().equals("event"));
      for (EventStreamClient tab : List.of(aliceTab1, aliceTab2)) {
        List<JsonNode> seen = new ArrayList<>();
        for (JsonNode frame : tab.drain()) {
          if (frame.path("op").asText().equals("event")) seen.add(frame);
        }
        assertThat(seen).as("each of alice's sockets sees each pop once")
            .extracting(p -> p.path("seq").asLong())
            .containsExactlyElementsOf(everyPop.stream().map(p -> p.path("seq").asLong()).toList());
        assertThat(seen).filteredOn(p -> p.path("user").path("username").asText().equals("alice"))
            .as("one pop for alice: the call that rang her while she was logged in")
            .extracting(p -> p.path("call_id").asText()).containsExactly(atBobsPhone.path("call_id").asText());
      }
    }
  }

  /** Places a SIPp call from 1003 to {@code extension}; returns the one screen pop it made. */
  private JsonNode popOfCallTo(String extension, EventStreamClient watcher) {
    SippPeers.caller(server.sipAddress(), new SipAccount("1003", "demo1003"), extension)
        .callDuration(Duration.ofMillis(300)).run(RUN).requireSuccess();
    JsonNode pop = watcher.next("event", WAIT);
    assertThat(pop.path("type").asText()).isEqualTo("screen_pop");
    assertThat(pop.path("device").asText()).isEqualTo(extension);
    assertThat(pop.path("caller_number").asText()).isEqualTo("1003");
    return pop;
  }

  /** A socket of {@code token}'s user subscribed to every screen pop of the tenant. */
  private EventStreamClient allPopsOf(String token) {
    EventStreamClient client = EventStreamClient.connect(server.httpPort(), token);
    client.next("authenticated", WAIT);
    client.send("{\"op\":\"subscribe\",\"filters\":{\"types\":[\"screen_pop\"]}}");
    client.next("subscribed", WAIT);
    client.next("snapshot", WAIT);
    return client;
  }

  /** A socket of {@code token}'s user subscribed to screen pops, from a snapshot or resuming after {@code seq}. */
  private EventStreamClient popsOf(String token, Optional<Long> resumeFrom) {
    EventStreamClient client = EventStreamClient.connect(server.httpPort(), token);
    client.next("authenticated", WAIT);
    client.send("{\"op\":\"subscribe\"" + resumeFrom.map(seq -> ",\"resume_from\":" + seq).orElse("")
        + ",\"filters\":{\"types\":[\"screen_pop\"],\"devices\":[\"1002\"]}}");
    client.next("subscribed", WAIT);
    if (resumeFrom.isEmpty()) {
      client.next("snapshot", WAIT);
    }
    return client;
  }

  private static List<JsonNode> pops(EventStreamClient client, int count) {
    List<JsonNode> pops = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      JsonNode pop = client.next("event", WAIT);
      assertThat(pop.path("type").asText()).isEqualTo("screen_pop");
      pops.add(pop);
    }
    return pops;
  }
}
