package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.harness.SippScenario;
import io.ramal.it.server.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls between SIPp phones, then read back through the call history API; idempotent hang-up. */
class CallHistoryApiTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final SipAccount ALICE = new SipAccount("1001", "demo1001");
  private TestServer server;
  private ApiClient api;

  @BeforeEach
  void start() {
    server = TestServer.start(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), Duration.ofSeconds(10));
    api = new ApiClient(server.httpPort());
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private static List<String> field(JsonNode cdrs, String name) {
    List<String> values = new ArrayList<>();
    cdrs.forEach(cdr -> values.add(cdr.path(name).asText()));
    return values;
  }

  @Test
  void finishedCallsAreListedNewestFirstFilteredAndPaged() {
    try (Sipp callee = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1002", "demo1002"),
        CalleeBehavior.answer()).start()) {
      callee.awaitRegistered(WAIT);
      SippPeers.caller(server.sipAddress(), ALICE, "1002").callDuration(Duration.ofMillis(1_200)).run(WAIT)
          .requireSuccess();
      callee.awaitExit(WAIT).requireSuccess();
    }
    try (Sipp callee = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1004", "demo1004"),
        CalleeBehavior.busy()).start()) {
      callee.awaitRegistered(WAIT);
      SippPeers.rejectedCaller(server.sipAddress(), new SipAccount("1003", "demo1003"), "1004", 486).run(WAIT)
          .requireSuccess();
      callee.awaitExit(WAIT).requireSuccess();
    }
    String admin = api.accessToken("admin", "demo-admin");
    JsonNode all = await().atMost(WAIT).until(() -> api.get("/api/v1/cdrs", admin).json().path("cdrs"),
        cdrs -> cdrs.size() == 2);

    assertThat(field(all, "disposition")).containsExactly("busy", "answered");
    JsonNode answered = all.get(1);
    assertThat(answered.path("caller").asText()).isEqualTo("1001");
    assertThat(answered.path("callee").asText()).isEqualTo("1002");
    assertThat(answered.path("direction").asText()).isEqualTo("internal");
    assertThat(answered.path("billable_seconds").asLong()).isBetween(1L, 3L);
    assertThat(answered.path("links").path("recordings").asText()).endsWith("call_id=" + answered.path("id").asText());
    assertThat(api.get("/api/v1/cdrs/" + answered.path("id").asText(), admin).json()).isEqualTo(answered);

    assertThat(field(api.get("/api/v1/cdrs?disposition=answered", admin).json().path("cdrs"), "callee"))
        .containsExactly("1002");
    assertThat(field(api.get("/api/v1/cdrs?extension=1003", admin).json().path("cdrs"), "disposition"))
        .containsExactly("busy");
    assertThat(api.get("/api/v1/cdrs?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z", admin).json()
        .path("cdrs")).isEmpty();

    Answer first = api.get("/api/v1/cdrs?limit=1", admin);
    Answer second = api.get("/api/v1/cdrs?limit=1&cursor=" + first.json().path("next_cursor").asText(), admin);
    assertThat(field(first.json().path("cdrs"), "disposition")).containsExactly("busy");
    assertThat(field(second.json().path("cdrs"), "disposition")).containsExactly("answered");
    assertThat(second.json().path("next_cursor").isNull()).isTrue();

    String alice = api.accessToken("alice", "demo-alice");
    assertThat(field(api.get("/api/v1/cdrs", alice).json().path("cdrs"), "caller"))
        .as("an agent sees its own extension's calls").containsExactly("1001");
    assertThat(api.get("/api/v1/cdrs/" + all.get(0).path("id").asText(), alice).code()).isEqualTo("cdr_not_found");
    assertThat(api.get("/api/v1/cdrs?direction=sideways", admin).code()).isEqualTo("invalid_query");
  }

  @Test
  void aDoubleClickedHangUpActsOnceAndAnswersTheSameTwice() {
    String admin = api.accessToken("admin", "demo-admin");
    try (Sipp callee = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1002", "demo1002"),
        CalleeBehavior.answer()).start()) {
      callee.awaitRegistered(WAIT);
      Sipp caller = Sipp.builder(SippScenario.resource("uac-silent-expect-bye.xml")).remote(server.sipAddress())
          .accounts(ALICE).service("1002").start();
      String callId = await().atMost(WAIT).until(() -> api.get("/api/v1/calls", admin).json().path("calls"),
          calls -> calls.size() == 1 && calls.get(0).path("state").asText().equals("connected"))
          .get(0).path("call_id").asText();
      Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

      Answer first = api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(admin), null, key);
      caller.awaitExit(WAIT).requireSuccess();
      callee.awaitExit(WAIT).requireSuccess();
      await().atMost(WAIT).until(() -> api.get("/api/v1/calls/" + callId, admin).status() == 404);
      Answer again = api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(admin), null, key);
      Answer withoutKey = api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(admin), null);

      assertThat(first.status()).isEqualTo(202);
      assertThat(again.status()).as("the repeat gets the first answer, not a 404").isEqualTo(202);
      assertThat(again.json()).isEqualTo(first.json());
      assertThat(withoutKey.status()).isEqualTo(404);
    }
    JsonNode cdrs = await().atMost(WAIT).until(() -> api.get("/api/v1/cdrs", admin).json().path("cdrs"),
        list -> list.size() == 1);
    assertThat(cdrs.get(0).path("cause").asText()).isEqualTo("hung up through the API");
  }
}
