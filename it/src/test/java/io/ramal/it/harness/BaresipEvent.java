package io.ramal.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One event from baresip's ctrl_tcp stream, e.g. {@code CALL_ESTABLISHED}, {@code CALL_CLOSED},
 * {@code REGISTER_OK}, {@code CALL_DTMF_START}.
 *
 * @param type the event type
 * @param accountAor the account the event belongs to ("sip:1001@127.0.0.1"), "" if none
 * @param direction "incoming" or "outgoing" for call events, else ""
 * @param peerUri the other party's URI for call events, else ""
 * @param callId baresip's call id, "" if none
 * @param param the event's parameter: peer URI, close reason, DTMF digit, registration status...
 * @param raw the whole event as received
 */
public record BaresipEvent(
    String type, String accountAor, String direction, String peerUri, String callId, String param, JsonNode raw) {

  public BaresipEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(accountAor, "accountAor");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(peerUri, "peerUri");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(param, "param");
    Objects.requireNonNull(raw, "raw");
  }

  static BaresipEvent of(JsonNode json) {
    return new BaresipEvent(
        json.path("type").asText(""),
        json.path("accountaor").asText(""),
        json.path("direction").asText(""),
        json.path("peeruri").asText(""),
        json.path("id").asText(""),
        json.path("param").asText(""),
        json);
  }

  @Override
  public String toString() {
    return type + (param.isEmpty() ? "" : "(" + param + ")") + (peerUri.isEmpty() ? "" : " " + direction + " " + peerUri);
  }
}
