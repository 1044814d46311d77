package io.ramal.it.api;

import static io.ramal.it.harness.HeardAudio.awaitHeard;
import static io.ramal.it.harness.HeardAudio.ABSENT_DBFS;
import static io.ramal.it.harness.HeardAudio.AUDIBLE_DBFS;
import static io.ramal.it.harness.HeardAudio.heard;
import static io.ramal.it.harness.HeardAudio.hearsOnly;
import static io.ramal.it.harness.HeardAudio.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.PhoneRig;
import io.ramal.it.harness.Wav;
import io.ramal.it.server.TestServer;
import io.ramal.media.audio.Goertzel;
import io.ramal.server.config.Config;
import io.ramal.server.config.ExtensionConfig;
import io.ramal.server.config.TenantConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Supervision of live calls with real baresip phones on anchored media, each sending its own tone:
 * the customer (caller) 1000 Hz, the agent (callee) 600 Hz, the supervisor 850 Hz — the tones of
 * {@link ConferenceApiTest}, chosen so that no intermodulation product of two of them falls on the
 * third. What each phone received is checked by ear: who hears the supervisor in each mode, and
 * that the customer and the agent keep hearing each other. The notice to the agent is a 440 Hz
 * beep. The live board shows the supervisor's phone in a call while it supervises.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisionApiTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Duration MARGIN = Duration.ofMillis(700);
  private static final double CUSTOMER = 1000;
  private static final double AGENT = 600;
  private static final double SUPERVISOR = 850;
  private static final double BEEP = 440;
  private PhoneRig rig;
  private TestServer server;
  private ApiClient api;
  private String admin;
  private String carol;
  private String alice;
  private String acmeAdmin;

  @BeforeAll
  void start() {
    TenantConfig acme = new TenantConfig("acme", "Acme", List.of("acme.example"),
        List.of(new ExtensionConfig("2001", "Reception", "acme2001secret")), List.of(), List.of());
    rig = new PhoneRig(TestServer.startWithTenants(demo -> demo, List.of(acme), Config.demo().media()));
    server = rig.server();
    api = rig.api();
    admin = rig.admin();
    carol = api.accessToken("carol", "demo-carol");
    alice = api.accessToken("alice", "demo-alice");
    acmeAdmin = api.accessToken("admin@acme", server.initialAdminPassword("acme"));
  }

  @AfterAll
  void stop() {
    if (rig != null) rig.close();
  }

  @AfterEach
  void everyRtpPortIsBackInThePool() {
    rig.awaitEveryRtpPortBack();
  }

  @Test
  void aListeningSupervisorHearsBothPartiesUnheardAndIsHeardByBothOnceItBargesIn() {
    try (EventStreamClient events = rig.subscribed("call.supervision_started", "call.supervision_mode_changed",
        "call.supervision_ended");
        EventStreamClient states = rig.subscribed("device.state_changed");
        Baresip customer = rig.phone("1001", CUSTOMER).start(); Baresip agent = rig.phone("1002", AGENT).start();
        Baresip supervisor = rig.phone("1003", SUPERVISOR).start()) {
      supervisor.awaitRegistered(WAIT);
      String callId = rig.connect(customer, agent);
      Answer byAgent = supervise(alice, callId, Map.of("supervisor_device", "1001", "mode", "listen"));
      Answer otherTenant = supervise(acmeAdmin, callId, Map.of("supervisor_device", "2001", "mode", "listen"));

      Answer started = supervise(carol, callId, Map.of("supervisor_device", "1003", "mode", "listen", "agent", "1002",
          "notify_agent", true));
      assertThat(started.status()).as(started.json().toString()).isEqualTo(202);
      supervisor.awaitEvent("CALL_ESTABLISHED", WAIT);
      JsonNode startedEvent = events.next(type("call.supervision_started"), WAIT);
      Duration beepFrom = heard(agent);
      Duration beepTo = awaitHeard(agent, beepFrom.plusMillis(1000));
      Duration customerBeepFrom = heard(customer);
      Duration customerBeepTo = awaitHeard(customer, customerBeepFrom.plusMillis(1000));
      String listeningState = await().atMost(WAIT).until(() -> boardState("1003"), "in_call"::equals);
      Listening listen = listen(customer, agent, supervisor);

      Answer barge = api.call("PATCH", "/api/v1/calls/" + callId + "/supervision", Optional.of(carol),
          Map.of("mode", "barge"));
      assertThat(barge.status()).as(barge.json().toString()).isEqualTo(200);
      JsonNode changedEvent = events.next(type("call.supervision_mode_changed"), WAIT);
      Listening barged = listen(customer, agent, supervisor);
      String bargingState = boardState("1003");

      Answer stopped = api.call("DELETE", "/api/v1/calls/" + callId + "/supervision", Optional.of(carol), Map.of());
      assertThat(stopped.status()).as(stopped.json().toString()).isEqualTo(202);
      supervisor.awaitEvent("CALL_CLOSED", WAIT);
      JsonNode endedEvent = events.next(type("call.supervision_ended"), WAIT);
      List<JsonNode> stateChanges = states.eventsUntil(e -> e.path("device").asText().equals("1003")
          && e.path("data").path("previous").asText().equals("in_call"), WAIT);
      String stoppedState = boardState("1003");
      Duration plainFrom = heard(customer).plus(MARGIN);
      Duration plainTo = awaitHeard(customer, plainFrom.plusMillis(1500));
      JsonNode audit = await().atMost(WAIT).until(() -> api.get("/api/v1/supervision/audit?call_id=" + callId, admin)
          .json().path("steps"), steps -> steps.size() == 4);
      int auditByCarol = api.get("/api/v1/supervision/audit", carol).status();
      customer.hangup();
      agent.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(byAgent.status() + " " + byAgent.code()).as("an agent may not supervise").isEqualTo("403 forbidden");
      assertThat(otherTenant.status() + " " + otherTenant.code()).as("another tenant's call")
          .isEqualTo("404 call_not_found");
      hearsOnly(agent, beepFrom, beepTo, "1002 when the supervision starts", List.of(BEEP), List.of());
      hearsOnly(customer, customerBeepFrom, customerBeepTo, "1001 when the supervision starts", List.of(), List.of(BEEP));
      hearsOnly(supervisor, listen.supervisorFrom, listen.supervisorTo, "the listening supervisor",
          List.of(CUSTOMER, AGENT), List.of(SUPERVISOR));
      hearsOnly(customer, listen.customerFrom, listen.customerTo, "the customer while 1003 listens", List.of(AGENT),
          List.of(SUPERVISOR, CUSTOMER));
      hearsOnly(agent, listen.agentFrom, listen.agentTo, "the agent while 1003 listens", List.of(CUSTOMER),
          List.of(SUPERVISOR, AGENT));
      hearsOnly(supervisor, barged.supervisorFrom, barged.supervisorTo, "the barging supervisor", List.of(CUSTOMER, AGENT),
          List.of(SUPERVISOR));
      hearsOnly(customer, barged.customerFrom, barged.customerTo, "the customer after 1003 barged in",
          List.of(AGENT, SUPERVISOR), List.of(CUSTOMER));
      hearsOnly(agent, barged.agentFrom, barged.agentTo, "the agent after 1003 barged in", List.of(CUSTOMER, SUPERVISOR),
          List.of(AGENT));
      hearsOnly(customer, plainFrom, plainTo, "the customer after the supervision", List.of(AGENT), List.of(SUPERVISOR));

      assertThat(listeningState).as("the board while 1003 listens").isEqualTo("in_call");
      assertThat(bargingState).as("the board while 1003 barges in").isEqualTo("in_call");
      assertThat(stoppedState).as("the board once the supervision stopped").isEqualTo("idle");
      assertThat(stateChanges).filteredOn(e -> e.path("device").asText().equals("1003"))
          .extracting(e -> e.path("data").path("previous").asText() + ">" + e.path("data").path("state").asText())
          .as("device.state_changed of the supervisor's phone, once each way").endsWith("idle>in_call", "in_call>idle");
      assertThat(startedEvent.path("call_id").asText()).isEqualTo(callId);
      assertThat(startedEvent.path("device").asText()).isEqualTo("1003");
      assertThat(startedEvent.path("data").path("mode").asText()).isEqualTo("listen");
      assertThat(startedEvent.path("data").path("agent").asText()).isEqualTo("1002");
      assertThat(startedEvent.path("data").path("notify_agent").asBoolean()).isTrue();
      assertThat(changedEvent.path("data").path("mode").asText()).isEqualTo("barge");
      assertThat(endedEvent.path("data").path("cause").asText()).isEqualTo("stopped");
      List<String> steps = new ArrayList<>();
      audit.forEach(s -> steps.add(s.path("action").asText() + " " + s.path("mode").asText()));
      assertThat(steps).containsExactly("requested listen", "started listen", "mode_changed barge", "ended barge");
      String carolId = api.get("/api/v1/me", carol).json().path("id").asText();
      assertThat(audit).allSatisfy(s -> {
        assertThat(s.path("user_id").asText()).isEqualTo(carolId);
        assertThat(s.path("call_id").asText()).isEqualTo(callId);
        assertThat(s.path("supervisor_device").asText()).isEqualTo("1003");
      });
      assertThat(auditByCarol).as("the audit is for admins").isEqualTo(403);
    }
  }

  @Test
  void aWhisperIsHeardByTheAgentOnlyAndEndsWhenTheSupervisorHangsUp() {
    try (EventStreamClient events = rig.subscribed("call.supervision_started", "call.supervision_ended");
        Baresip customer = rig.phone("1004", CUSTOMER).start(); Baresip agent = rig.phone("1005", AGENT).start();
        Baresip supervisor = rig.phone("1006", SUPERVISOR).start()) {
      supervisor.awaitRegistered(WAIT);
      String callId = rig.connect(customer, agent);
      Answer recording = api.call("POST", "/api/v1/calls/" + callId + "/recording/start", Optional.of(admin), null);
      assertThat(recording.status()).as(recording.json().toString()).isEqualTo(202);
      Answer noAgent = supervise(carol, callId, Map.of("supervisor_device", "1006", "mode", "whisper"));
      Answer unreachable = supervise(carol, callId, Map.of("supervisor_device", "1009", "mode", "listen"));
      JsonNode notAnswered = events.next(type("call.supervision_ended"), WAIT);

      Answer started = supervise(carol, callId, Map.of("supervisor_device", "1006", "mode", "whisper", "agent",
          "1005"));
      assertThat(started.status()).as(started.json().toString()).isEqualTo(202);
      supervisor.awaitEvent("CALL_ESTABLISHED", WAIT);
      events.next(type("call.supervision_started"), WAIT);
      Answer hold = api.call("POST", "/api/v1/calls/" + callId + "/hold", Optional.of(admin), Map.of("party", "1005"));
      Listening whisper = listen(customer, agent, supervisor);

      supervisor.hangup();
      JsonNode ended = events.next(type("call.supervision_ended"), WAIT);
      Duration afterFrom = heard(agent).plus(MARGIN);
      Duration afterTo = awaitHeard(agent, afterFrom.plusMillis(1500));
      int supervisionAfter = api.get("/api/v1/calls/" + callId + "/supervision", carol).status();
      customer.hangup();
      agent.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(noAgent.status() + " " + noAgent.code()).as("a whisper names its agent")
          .isEqualTo("400 invalid_request");
      assertThat(unreachable.status()).as("1009 is not registered: accepted, then it ends").isEqualTo(202);
      assertThat(notAnswered.path("data").path("cause").asText()).isEqualTo("not_answered");
      assertThat(notAnswered.path("data").path("detail").asText()).startsWith("480");
      assertThat(hold.status() + " " + hold.code()).as("no hold while supervised").isEqualTo("409 invalid_state");
      hearsOnly(agent, whisper.agentFrom, whisper.agentTo, "the agent coached by 1006", List.of(CUSTOMER, SUPERVISOR),
          List.of(AGENT));
      hearsOnly(customer, whisper.customerFrom, whisper.customerTo, "the customer while 1006 whispers", List.of(AGENT),
          List.of(SUPERVISOR, CUSTOMER));
      hearsOnly(supervisor, whisper.supervisorFrom, whisper.supervisorTo, "the whispering supervisor",
          List.of(CUSTOMER, AGENT), List.of(SUPERVISOR));
      hearsOnly(agent, afterFrom, afterTo, "the agent after 1006 hung up", List.of(CUSTOMER), List.of(SUPERVISOR));
      assertThat(ended.path("data").path("cause").asText()).isEqualTo("supervisor_hung_up");
      assertThat(supervisionAfter).isEqualTo(404);

      String recordingId = recording.json().path("recording_id").asText();
      await().atMost(WAIT).until(() -> api.get("/api/v1/recordings/" + recordingId, admin).json().path("status")
          .asText(), "ready"::equals);
      Wav recorded = Wav.parse(api.download("/api/v1/recordings/" + recordingId + "/audio", admin, Map.of()).body());
      short[] all = recorded.samples();
      assertThat(Goertzel.levelDbfs(all, 0, all.length, CUSTOMER)).as("the customer is recorded")
          .isGreaterThan(AUDIBLE_DBFS);
      assertThat(Goertzel.levelDbfs(all, 0, all.length, AGENT)).as("the agent is recorded").isGreaterThan(AUDIBLE_DBFS);
      assertThat(Goertzel.levelDbfs(all, 0, all.length, SUPERVISOR)).as("the whisper is not recorded")
          .isLessThan(ABSENT_DBFS);
    }
  }

  // ---- helpers ----

  /** Stretches of what each phone received, measured after a change settled. */
  private record Listening(Duration customerFrom, Duration customerTo, Duration agentFrom, Duration agentTo,
      Duration supervisorFrom, Duration supervisorTo) {}

  private static Listening listen(Baresip customer, Baresip agent, Baresip supervisor) {
    Duration customerFrom = heard(customer).plus(MARGIN);
    Duration agentFrom = heard(agent).plus(MARGIN);
    Duration supervisorFrom = heard(supervisor).plus(MARGIN);
    Duration customerTo = awaitHeard(customer, customerFrom.plusMillis(1500));
    Duration agentTo = awaitHeard(agent, agentFrom.plusMillis(1500));
    Duration supervisorTo = awaitHeard(supervisor, supervisorFrom.plusMillis(1500));
    return new Listening(customerFrom, customerTo, agentFrom, agentTo, supervisorFrom, supervisorTo);
  }

  /** The state of {@code number} on the live board, as the supervisor carol reads it. */
  private String boardState(String number) {
    for (JsonNode row : api.get("/api/v1/board", carol).json().path("extensions")) {
      if (row.path("number").asText().equals(number)) return row.path("state").asText();
    }
    throw new AssertionError("no extension " + number + " on the board");
  }

  private Answer supervise(String token, String callId, Map<String, Object> body) {
    return api.call("POST", "/api/v1/calls/" + callId + "/supervision", Optional.of(token), body);
  }

  private static java.util.function.Predicate<JsonNode> type(String type) {
    return e -> e.path("type").asText().equals(type);
  }
}
