package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.WebhookReceiver;
import io.ramal.it.harness.WebhookReceiver.Request;
import io.ramal.it.server.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Meetip "web command" for an inbound call: a carrier (baresip sending from the trunk's address)
 * calls the demo DID 4000, which rings extension 1001 (baresip, answers by itself); the caller hangs
 * up after about two seconds. A webhook with every Meetip variable in its URL, fired on ringing,
 * off-hook and hung-up of inbound calls, reaches a real HTTP receiver on 127.0.0.1.
 */
class MeetipInboundCallTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String CARRIER_CALLER = "+5511988887777";
  private int trunkPort;
  private TestServer server;
  private WebhookReceiver crm;

  @BeforeEach
  void start() {
    trunkPort = Baresip.reservedSipPort();
    server = TestServer.start(FreePorts.udpAndTcp(), trunkPort, Duration.ofSeconds(10));
    crm = WebhookReceiver.start();
  }

  @AfterEach
  void stop() {
    if (crm != null) crm.close();
    if (server != null) server.close();
  }

  @Test
  void theTemplatedUrlGetsTheCarriersCallerEntranteTheExtensionTheCallIdAndTheTalkTime() throws Exception {
    ApiClient api = new ApiClient(server.httpPort());
    String admin = api.accessToken("admin", "demo-admin");
    assertThat(api.call("PUT", "/api/v1/webhooks/allow-list", Optional.of(admin),
        Map.of("entries", List.of("127.0.0.1/32"))).status()).isEqualTo(200);
    Answer created = api.call("POST", "/api/v1/webhooks", Optional.of(admin), Map.of(
        "url", crm.base() + "/hook?cid=%CALLER_ID%&dur=%DURACION%&st=%ESTADO%&dir=%SENTIDO%&q=%QUEUE_NAME%&id=%ID%"
            + "&ext=%EXTENSION%",
        "method", "GET",
        "events", List.of(Map.of("trigger", "ringing", "direction", "inbound"),
            Map.of("trigger", "off_hook", "direction", "inbound"),
            Map.of("trigger", "hung_up", "direction", "inbound"))));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    String secret = created.json().get("secret").asText();

    long talkStarted;
    long talkEnded;
    try (Baresip extension = Baresip.builder("1001").registrar(server.sipAddress(), "demo1001").tone(600).start();
        Baresip carrier = Baresip.builder(CARRIER_CALLER).sipPort(trunkPort).tone(1000).start()) {
      extension.awaitRegistered(WAIT);
      carrier.dial("sip:4000@127.0.0.1:" + server.sipAddress().getPort());
      extension.awaitEvent("CALL_ESTABLISHED", WAIT);
      carrier.awaitEvent("CALL_ESTABLISHED", WAIT);
      talkStarted = System.nanoTime();
      Thread.sleep(2_500);
      carrier.hangup();
      talkEnded = System.nanoTime();
      extension.awaitEvent("CALL_CLOSED", WAIT);
    }

    List<Request> requests = crm.awaitRequests(r -> r.size() >= 3, WAIT);
    Thread.sleep(1_000); // a request that should not come would be here by now
    requests = crm.requests();
    assertThat(requests).as("ringing, off-hook and hung-up of extension 1001; nothing for the carrier's side: %s",
        requests.stream().map(Request::rawPathAndQuery).toList())
        .extracting(r -> r.query("st").orElseThrow()).containsExactly("timbre", "descolgado", "colgado");
    await().atMost(WAIT).until(() -> api.get("/api/v1/cdrs?limit=1", admin).json().path("cdrs").size() == 1);
    JsonNode cdr = api.get("/api/v1/cdrs?limit=1", admin).json().path("cdrs").path(0);
    assertThat(cdr.path("direction").asText()).isEqualTo("inbound");
    String callId = cdr.path("id").asText();
    for (Request r : requests) {
      assertThat(r.method()).isEqualTo("GET");
      assertThat(r.path()).isEqualTo("/hook");
      assertThat(r.signedWith(secret)).as("signature of " + r.rawPathAndQuery()).isTrue();
      assertThat(r.query("cid")).as("the carrier's caller, %2B decoded").contains(CARRIER_CALLER);
      assertThat(r.rawPathAndQuery()).contains("cid=%2B5511988887777&");
      assertThat(r.query("dir")).contains("entrante");
      assertThat(r.query("q")).contains("");
      assertThat(r.query("id")).contains(callId);
      assertThat(r.query("ext")).contains("1001");
    }
    assertThat(requests.get(0).query("dur")).as("not hung up yet").contains("0");
    assertThat(requests.get(1).query("dur")).as("just answered").contains("0");
    long seconds = Long.parseLong(requests.get(2).query("dur").orElseThrow());
    long talked = Duration.ofNanos(talkEnded - talkStarted).toSeconds();
    assertThat(seconds).as("talk time of a call the carrier hung up after %d s", talked)
        .isBetween(talked - 1, talked + 2);
  }
}
