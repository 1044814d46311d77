package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.PortRange;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.harness.WebhookReceiver;
import io.ramal.it.harness.WebhookReceiver.Request;
import io.ramal.it.server.ServerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} with deliveries pending: Ramal runs as its own OS process in production mode (as
 * {@code ./ramal serve --config FILE} runs it, with one tenant in the config), a SIPp call makes events for two webhooks while their receiver answers 503, and the
 * server is SIGKILLed while the receiver holds one request unanswered. Started again on the same
 * data directory with the receiver back, every delivery that was pending arrives: signed, in
 * {@code seq} order per webhook, and the one request the receiver got just before the crash comes
 * again under the same delivery id.
 */
class WebhooksAfterKill9Test {
  private static final Duration RUN = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SipAccount CALLER = new SipAccount("1001", "kill-1001-secret");
  private static final SipAccount CALLEE = new SipAccount("1002", "kill-1002-secret");
  private final List<ServerProcess> servers = new ArrayList<>();
  private WebhookReceiver crm;
  private PortRange rtp;
  private Path work;
  private boolean passed;

  @AfterEach
  void stop() throws IOException {
    servers.forEach(ServerProcess::close);
    if (crm != null) crm.close();
    if (rtp != null) FreePorts.release(rtp);
    if (passed && work != null && !Boolean.getBoolean("ramal.it.keepPeerRuns")) {
      try (var files = Files.walk(work)) { // a failed run keeps its data and server logs
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void deliveriesPendingAtAKill9ArriveAfterTheRestartInOrderSignedAndRepeatedOnlyUnderTheirOwnId() throws Exception {
    work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "peer-runs")), "kill9-")
        .toAbsolutePath();
    int httpPort = FreePorts.udpAndTcp();
    int sipPort = FreePorts.udpAndTcp();
    rtp = FreePorts.consecutive(65);
    int rtpLow = rtp.first() + rtp.first() % 2; // RTP on even ports, RTCP on the odd one above
    Path config = Files.writeString(work.resolve("ramal.yaml"), """
        http:
          bind: 127.0.0.1
        sip:
          bind: 127.0.0.1
        media:
          bind: 127.0.0.1
          rtp_ports: %s
        api:
          webhooks:
            connect_timeout: 1s
            read_timeout: 2s
            lease: 4s
            poll_interval: 200ms
            max_attempts: 1000
            backoff:
              base: 200ms
              max: 1s
              jitter: 0
        tenants:
          - id: crm
            domains: [127.0.0.1]
            extensions:
              - number: "1001"
                password: %s
              - number: "1002"
                password: %s
        """.formatted(rtpLow + "-" + (rtpLow + 63), CALLER.password(), CALLEE.password()));
    Path data = work.resolve("data");
    crm = WebhookReceiver.start();
    crm.answer(503);

    ServerProcess first = start(config, data, httpPort, sipPort, work);
    ApiClient api = new ApiClient(httpPort);
    String adminPassword = initialAdminPassword(data);
    String admin = api.accessToken("admin@crm", adminPassword);
    assertThat(api.call("PUT", "/api/v1/webhooks/allow-list", Optional.of(admin),
        Map.of("entries", List.of("127.0.0.1/32"))).status()).isEqualTo(200);
    Answer everything = api.call("POST", "/api/v1/webhooks", Optional.of(admin), Map.of(
        "url", crm.base() + "/all", "events", List.of(Map.of("type", "*"))));
    Answer meetip = api.call("POST", "/api/v1/webhooks", Optional.of(admin), Map.of(
        "url", crm.base() + "/meetip?cid=%CALLER_ID%&st=%ESTADO%&ext=%EXTENSION%&id=%ID%", "method", "GET",
        "events", List.of(Map.of("trigger", "ringing"), Map.of("trigger", "off_hook"), Map.of("trigger", "hung_up"))));
    assertThat(everything.status()).as(everything.json().toString()).isEqualTo(201);
    assertThat(meetip.status()).as(meetip.json().toString()).isEqualTo(201);
    Map<String, String> secrets = Map.of("/all", everything.json().get("secret").asText(),
        "/meetip", meetip.json().get("secret").asText());
    Map<String, String> hooks = Map.of("/all", everything.json().get("id").asText(),
        "/meetip", meetip.json().get("id").asText());

    InetSocketAddress sip = new InetSocketAddress("127.0.0.1", sipPort);
    try (Sipp callee = SippPeers.registeredCallee(sip, CALLEE, CalleeBehavior.answer())
        .start()) {
      callee.awaitRegistered(RUN);
      SippPeers.caller(sip, CALLER, "1002").callDuration(Duration.ofMillis(1200))
          .run(RUN).requireSuccess();
      callee.awaitExit(RUN).requireSuccess();
    }
    // the call's last event is its cdr.created: once that waits, everything about the call does
    await().atMost(RUN).until(() -> pending(api, admin, hooks.get("/all")).stream()
        .anyMatch(d -> d.path("event_type").asText().equals("cdr.created")));
    Map<String, List<JsonNode>> pendingAtKill = new LinkedHashMap<>();
    pendingAtKill.put("/all", pending(api, admin, hooks.get("/all")));
    pendingAtKill.put("/meetip", pending(api, admin, hooks.get("/meetip")));
    assertThat(pendingAtKill.get("/meetip")).as("ringing, answer and hang-ups wait").hasSizeGreaterThanOrEqualTo(3);
    assertThat(crm.requests()).as("the receiver was tried while it answered 503")
        .anyMatch(r -> r.path().equals("/all") && r.answered() == 503);

    CountDownLatch held = crm.holdNext(r -> r.path().equals("/all"));
    assertThat(held.await(15, TimeUnit.SECONDS)).as("a request in flight to hold").isTrue();
    assertThat(first.kill()).as("exit status of a process killed by SIGKILL (128 + 9)").isEqualTo(137);
    crm.release();
    Request inFlight = crm.requests().stream().filter(r -> r.answered() == 0).findFirst().orElseThrow();

    crm.answer(204);
    start(config, data, httpPort, sipPort, work);
    Set<String> waiting = pendingAtKill.values().stream().flatMap(List::stream).map(d -> d.path("id").asText())
        .collect(Collectors.toSet());
    crm.awaitRequests(all -> all.stream().filter(Request::accepted).map(Request::deliveryId).collect(Collectors.toSet())
        .containsAll(waiting), Duration.ofSeconds(60));
    String restartedAdmin = api.accessToken("admin@crm", adminPassword);
    await().atMost(RUN).untilAsserted(() -> hooks.values().forEach(id -> assertThat(
        api.get("/api/v1/webhooks/" + id, restartedAdmin).json().path("pending_deliveries").asInt()).isZero()));

    List<Request> all = crm.requests();
    for (String path : List.of("/all", "/meetip")) {
      List<Request> requests = all.stream().filter(r -> r.path().equals(path)).toList();
      assertThat(requests).as(path + ": every request signed with its webhook's secret")
          .allMatch(r -> r.signedWith(secrets.get(path)));
      assertThat(requests).extracting(Request::seq).as(path + ": attempts never go back in seq").isSorted();
      List<Request> accepted = requests.stream().filter(Request::accepted).toList();
      assertThat(accepted).extracting(Request::seq).as(path + ": each event accepted once, in seq order")
          .isSorted().doesNotHaveDuplicates();
      assertThat(requests.stream().collect(Collectors.groupingBy(Request::eventId,
          Collectors.mapping(Request::deliveryId, Collectors.toSet()))))
          .as(path + ": an event's requests all carry one delivery id").allSatisfy((event, ids) -> assertThat(ids).hasSize(1));
      Map<String, Request> acceptedById = new HashMap<>();
      accepted.forEach(r -> acceptedById.put(r.deliveryId(), r));
      for (JsonNode delivery : pendingAtKill.get(path)) {
        Request arrived = acceptedById.get(delivery.path("id").asText());
        assertThat(arrived).as(path + ": pending delivery " + delivery).isNotNull();
        assertThat(arrived.seq()).isEqualTo(delivery.path("seq").asLong());
        assertThat(arrived.eventId()).isEqualTo(delivery.path("event_id").asText());
      }
    }
    List<Long> pendingSeqs = pendingAtKill.get("/all").stream().map(d -> d.path("seq").asLong()).sorted().toList();
    assertThat(inFlight.seq()).as("the held request was the webhook's first pending delivery")
        .isEqualTo(pendingSeqs.getFirst());
    Request again = all.stream().filter(r -> r.accepted() && r.deliveryId().equals(inFlight.deliveryId()))
        .findFirst().orElseThrow();
    assertThat(again.eventId()).isEqualTo(inFlight.eventId());
    assertThat(again.attempt()).as("a later attempt of the same delivery").isGreaterThan(inFlight.attempt());
    assertThat(again.bodyText()).as("the same event, byte for byte").isEqualTo(inFlight.bodyText());
    for (Request r : all.stream().filter(r -> r.path().equals("/all") && r.accepted()).toList()) {
      JsonNode event = JSON.readTree(r.body());
      assertThat(event.path("seq").asLong()).isEqualTo(r.seq());
      assertThat(event.path("id").asText()).isEqualTo(r.eventId());
    }
    List<String> states = all.stream().filter(r -> r.path().equals("/meetip") && r.accepted())
        .map(r -> r.query("st").orElse("")).toList();
    assertThat(states).contains("timbre", "descolgado", "colgado");
    passed = true;
  }

  private ServerProcess start(Path config, Path data, int httpPort, int sipPort, Path logs) {
    ServerProcess server = ServerProcess.start("serve", config, data, httpPort, sipPort, logs);
    servers.add(server);
    return server;
  }

  /** The password {@code serve} wrote for the tenant's first admin when it created it. */
  private static String initialAdminPassword(Path data) throws IOException {
    return Files.readAllLines(data.resolve("initial-admin-crm.txt")).stream()
        .filter(line -> line.startsWith("password=")).map(line -> line.substring(9)).findFirst().orElseThrow();
  }

  private static List<JsonNode> pending(ApiClient api, String token, String webhook) throws IOException {
    Answer answer = api.get("/api/v1/webhooks/" + webhook + "/deliveries?state=pending&limit=200", token);
    assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
    List<JsonNode> deliveries = new ArrayList<>();
    answer.json().path("deliveries").forEach(deliveries::add);
    return deliveries;
  }
}
