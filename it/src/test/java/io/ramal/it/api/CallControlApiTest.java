package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.harness.SippScenario;
import io.ramal.it.server.TestServer;
import io.ramal.store.CallRecord;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Live calls between SIPp phones, seen and hung up through the REST API. */
class CallControlApiTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
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

  @Test
  void anAgentHangsUpItsCallAndBothPhonesReceiveABye() {
    String alice = api.accessToken("alice", "demo-alice");
    int before = server.callRecords().size();
    try (EventStreamClient events = EventStreamClient.connect(server.httpPort(), alice);
        Sipp callee = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1002", "demo1002"),
            CalleeBehavior.answer()).start()) {
      events.next("authenticated", WAIT);
      events.send("{\"op\":\"subscribe\",\"filters\":{\"types\":[\"call.established\",\"connection.cleared\"]}}");
      events.next("snapshot", WAIT);
      callee.awaitRegistered(WAIT);
      Sipp caller = Sipp.builder(SippScenario.resource("uac-silent-expect-bye.xml")).remote(server.sipAddress())
          .accounts(new SipAccount("1001", "demo1001")).service("1002").start();
      JsonNode established = events.next("event", WAIT);
      String callId = established.path("call_id").asText();

      Answer listed = api.get("/api/v1/calls", alice);
      assertThat(listed.json().path("calls")).singleElement()
          .satisfies(call -> assertThat(call.path("state").asText()).isEqualTo("connected"));
      long version = listed.json().path("calls").get(0).path("version").asLong();
      Answer stale = api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(alice), null,
          java.util.Map.of("If-Match", "\"" + (version - 1) + "\""));
      assertThat(stale.status()).isEqualTo(412);
      assertThat(stale.code()).isEqualTo("version_mismatch");
      Answer staleInBody = api.call("POST", "/api/v1/calls/" + callId + "/hold", Optional.of(alice),
          java.util.Map.of("version", version - 1));
      assertThat(staleInBody.status()).as("a version in the body is a conflict, not a precondition").isEqualTo(409);
      assertThat(staleInBody.code()).isEqualTo("version_mismatch");
      Answer disagreeing = api.call("POST", "/api/v1/calls/" + callId + "/hold", Optional.of(alice),
          java.util.Map.of("version", version - 1), java.util.Map.of("If-Match", "\"" + version + "\""));
      assertThat(disagreeing.status() + " " + disagreeing.code()).isEqualTo("400 invalid_version");
      assertThat(api.get("/api/v1/calls/" + callId, alice).json().path("version").asLong())
          .as("nothing happened to the call").isEqualTo(version);
      Answer hungUp = api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(alice), null,
          java.util.Map.of("If-Match", "\"" + version + "\""));
      assertThat(hungUp.status()).isEqualTo(202);
      assertThat(hungUp.json().path("status").asText()).isEqualTo("clearing");

      caller.awaitExit(WAIT).requireSuccess();
      callee.awaitExit(WAIT).requireSuccess();
      assertThat(events.next("event", WAIT).path("type").asText()).isEqualTo("connection.cleared");
      assertThat(events.next("event", WAIT).path("type").asText()).isEqualTo("connection.cleared");
      assertThat(api.get("/api/v1/calls/" + callId, alice).status()).isEqualTo(404);
    }
    await().atMost(WAIT).until(() -> server.callRecords().size() > before);
    CallRecord record = server.callRecords().get(0);
    assertThat(record.cause()).isEqualTo("hung up through the API");
  }

  @Test
  void anAgentCannotSeeOrHangUpAnotherExtensionsCall() {
    String bob = api.accessToken("bob", "demo-bob");
    String admin = api.accessToken("admin", "demo-admin");
    try (Sipp callee = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1004", "demo1004"),
        CalleeBehavior.answer()).start()) {
      callee.awaitRegistered(WAIT);
      Sipp caller = Sipp.builder(SippScenario.resource("uac-silent-expect-bye.xml")).remote(server.sipAddress())
          .accounts(new SipAccount("1003", "demo1003")).service("1004").start();
      // Answered first: hung up while ringing, the caller would get 487 where its scenario waits for 180.
      String callId = await().atMost(WAIT).until(() -> api.get("/api/v1/calls", admin).json().path("calls"),
          calls -> calls.size() == 1 && calls.get(0).path("state").asText().equals("connected"))
          .get(0).path("call_id").asText();

      assertThat(api.get("/api/v1/calls", bob).json().path("calls")).isEmpty();
      assertThat(api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(bob), null).code())
          .isEqualTo("call_not_found");
      assertThat(api.get("/api/v1/calls/" + callId, admin).status()).as("the call goes on").isEqualTo(200);

      assertThat(api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(admin), null).status()).isEqualTo(202);
      caller.awaitExit(WAIT).requireSuccess();
      callee.awaitExit(WAIT).requireSuccess();
    }
  }
}
