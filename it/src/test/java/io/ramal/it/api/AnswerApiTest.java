package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.LiveCalls;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.server.TestServer;
import io.ramal.server.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Answering a ringing call through the API. A desk phone that registers with {@code Allow-Events:
 * talk} (SIPp playing one: it rings until it gets a NOTIFY with {@code Event: talk}) is answered;
 * a softphone that does not (baresip ringing in manual answer mode) is refused with
 * {@code not_supported_by_device}, and its {@code can_answer} flag said so before anyone asked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerApiTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private TestServer server;
  private ApiClient api;
  private String admin;

  @BeforeAll
  void start() {
    server = TestServer.startWithTenants(demo -> demo, List.of(), Config.demo().media());
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void aDeskPhoneThatAcceptsTheTalkEventIsAnsweredThroughTheApi() {
    try (EventStreamClient events = LiveCalls.subscribed(server.httpPort(), admin, "call.delivered",
        "call.established");
        Sipp desk = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1002", "demo1002"),
            CalleeBehavior.answerOnRequest()).start();
        Baresip caller = phone("1001").start()) {
      desk.awaitRegistered(WAIT);
      caller.awaitRegistered(WAIT);
      JsonNode device = api.get("/api/v1/devices/1002", admin).json();

      assertThat(caller.dial("sip:1002@127.0.0.1").ok()).isTrue();
      JsonNode delivered = events.next(e -> e.path("type").asText().equals("call.delivered")
          && e.path("device").asText().equals("1002"), WAIT);
      String callId = delivered.path("call_id").asText();
      Answer answer = api.call("POST", "/api/v1/calls/" + callId + "/answer", Optional.of(admin),
          Map.of("party", "1002"));
      JsonNode established = events.next(e -> e.path("type").asText().equals("call.established")
          && e.path("device").asText().equals("1002"), WAIT);
      caller.awaitEvent("CALL_ESTABLISHED", WAIT);
      Answer again = api.call("POST", "/api/v1/calls/" + callId + "/answer", Optional.of(admin),
          Map.of("party", "1002"));
      caller.hangup();
      desk.awaitExit(WAIT).requireSuccess();

      assertThat(device.path("abilities").path("remote_answer").asBoolean()).as(device.toString()).isTrue();
      assertThat(delivered.path("data").path("party").path("capabilities").path("can_answer").asBoolean())
          .as("the flag says so while it rings: " + delivered.path("data").path("party")).isTrue();
      assertThat(answer.status()).as(answer.json().toString()).isEqualTo(202);
      assertThat(answer.json().path("status").asText()).isEqualTo("answering");
      assertThat(established.path("device").asText()).isEqualTo("1002");
      assertThat(established.path("call_id").asText()).isEqualTo(callId);
      assertThat(desk.messageLog()).as("the phone got NOTIFY Event: talk in the INVITE's early dialog")
          .contains("NOTIFY sip:", "Event: talk");
      assertThat(again.status() + " " + again.code()).as("answered already").isEqualTo("409 invalid_state");
    }
  }

  @Test
  void aSoftphoneWithoutRemoteAnswerIsRefusedAndItsFlagSaidSoBefore() {
    try (EventStreamClient events = LiveCalls.subscribed(server.httpPort(), admin, "call.delivered");
        Baresip callee = phone("1004").answerMode(Baresip.AnswerMode.MANUAL).start();
        Baresip caller = phone("1003").start()) {
      callee.awaitRegistered(WAIT);
      caller.awaitRegistered(WAIT);

      assertThat(caller.dial("sip:1004@127.0.0.1").ok()).isTrue();
      JsonNode delivered = events.next(e -> e.path("type").asText().equals("call.delivered")
          && e.path("device").asText().equals("1004"), WAIT);
      String callId = delivered.path("call_id").asText();
      Answer refused = api.call("POST", "/api/v1/calls/" + callId + "/answer", Optional.of(admin),
          Map.of("party", "1004"));
      Answer notRinging = api.call("POST", "/api/v1/calls/" + callId + "/answer", Optional.of(admin),
          Map.of("party", "1003"));
      String stateAfter = api.get("/api/v1/calls/" + callId, admin).json().path("state").asText();
      caller.hangup();
      callee.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(delivered.path("data").path("party").path("capabilities").path("can_answer").asBoolean()).isFalse();
      assertThat(refused.status() + " " + refused.code()).as(refused.json().toString())
          .isEqualTo("409 not_supported_by_device");
      assertThat(notRinging.status() + " " + notRinging.code()).as("the caller's own side is not ringing")
          .isEqualTo("409 invalid_state");
      assertThat(stateAfter).as("a refused answer changes nothing").isNotEqualTo("connected");
    }
  }

  private Baresip.Builder phone(String user) {
    return Baresip.builder(user).registrar(server.sipAddress(), "demo" + user).tone(700);
  }
}
