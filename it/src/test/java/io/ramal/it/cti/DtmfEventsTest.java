package io.ramal.it.cti;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.BaresipEvent;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.server.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys pressed on a baresip phone (RFC 4733 telephone-events through anchored media) reach the
 * other phone and, as {@code call.dtmf} events, a subscribed integrator — the IVR-less "press 1"
 * a CRM reacts to.
 */
class DtmfEventsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void digitsPressedDuringACallArriveAsDtmfEventsAndAtTheOtherPhone() {
    String token = new ApiClient(server.httpPort()).accessToken("bob", "demo-bob");
    try (EventStreamClient events = EventStreamClient.connect(server.httpPort(), token);
        Baresip alice = Baresip.builder("1001").registrar(server.sipAddress(), "demo1001").start();
        Baresip bob = Baresip.builder("1002").registrar(server.sipAddress(), "demo1002").start()) {
      events.next("authenticated", WAIT);
      events.send("{\"op\":\"subscribe\",\"filters\":{\"types\":[\"call.dtmf\"]}}");
      events.next("snapshot", WAIT);
      alice.awaitRegistered(WAIT);
      bob.awaitRegistered(WAIT);
      assertThat(alice.dial("sip:1002@127.0.0.1").ok()).isTrue();
      bob.awaitEvent("CALL_ESTABLISHED", WAIT);
      alice.awaitEvent("CALL_ESTABLISHED", WAIT);

      assertThat(alice.sendDtmf('5').ok()).isTrue();
      JsonNode five = events.next("event", WAIT);
      BaresipEvent heard = bob.awaitEvent("CALL_DTMF_START", WAIT);
      assertThat(alice.sendDtmf('#').ok()).isTrue();
      JsonNode hash = events.next("event", WAIT);

      assertThat(five.path("type").asText()).isEqualTo("call.dtmf");
      assertThat(five.path("device").asText()).as("the device that pressed the key").isEqualTo("1001");
      assertThat(five.path("data").path("digit").asText()).isEqualTo("5");
      assertThat(hash.path("data").path("digit").asText()).isEqualTo("#");
      assertThat(hash.path("call_id").asText()).isEqualTo(five.path("call_id").asText());
      assertThat(heard.param()).isEqualTo("5");
      alice.hangup();
      bob.awaitEvent("CALL_CLOSED", WAIT);
    }
  }
}
