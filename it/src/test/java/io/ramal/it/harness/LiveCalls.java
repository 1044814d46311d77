package io.ramal.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/** Live calls between baresip phones as the REST API and the event stream show them. */
public final class LiveCalls {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private LiveCalls() {}

  /** Registers both phones, has {@code caller} call {@code callee}, waits until both talk; the call's id. */
  public static String connect(ApiClient api, String token, Baresip caller, Baresip callee) {
    caller.awaitRegistered(WAIT);
    callee.awaitRegistered(WAIT);
    String user = caller.contactUri().substring(4, caller.contactUri().indexOf('@'));
    String calleeUser = callee.contactUri().substring(4, callee.contactUri().indexOf('@'));
    assertThat(caller.dial("sip:" + calleeUser + "@127.0.0.1").ok()).isTrue();
    callee.awaitEvent("CALL_ESTABLISHED", WAIT);
    caller.awaitEvent("CALL_ESTABLISHED", WAIT);
    String callId = callOf(api, token, user);
    await().atMost(WAIT).until(() -> state(api, token, callId).equals("connected"));
    return callId;
  }

  /** The live call placed by extension {@code caller}. */
  public static String callOf(ApiClient api, String token, String caller) {
    return await().atMost(WAIT).until(() -> {
      for (JsonNode call : api.get("/api/v1/calls", token).json().path("calls")) {
        if (call.path("caller_number").asText().equals(caller)) return Optional.of(call.path("call_id").asText());
      }
      return Optional.<String>empty();
    }, Optional::isPresent).orElseThrow();
  }

  public static String state(ApiClient api, String token, String callId) {
    return api.get("/api/v1/calls/" + callId, token).json().path("state").asText();
  }

  /** An event socket of {@code token} subscribed to {@code types}, past its snapshot. */
  public static EventStreamClient subscribed(int httpPort, String token, String... types) {
    EventStreamClient events = EventStreamClient.connect(httpPort, token);
    events.next("authenticated", WAIT);
    events.send("{\"op\":\"subscribe\",\"filters\":{\"types\":[\"" + String.join("\",\"", types) + "\"]}}");
    events.next("snapshot", WAIT);
    return events;
  }
}
