package io.ramal.it.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.BaresipEvent;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipTransport;
import io.ramal.it.harness.Tone;
import io.ramal.it.harness.ToneReport;
import io.ramal.it.server.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two baresip phones registered on Ramal call each other; each hears the other's tone. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaresipCallsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private TestServer server;

  @BeforeAll
  void startServer() {
    server = TestServer.start(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), Duration.ofSeconds(30));
  }

  @AfterAll
  void stopServer() {
    if (server != null) server.close();
  }

  @ParameterizedTest
  @EnumSource(SipTransport.class)
  void registeredPhonesCallEachOtherAndHearEachOthersTone(SipTransport transport) throws InterruptedException {
    try (Baresip alice = Baresip.builder("1001").transport(transport).registrar(server.sipAddress(), "demo1001")
            .tone(1000).start();
        Baresip bob = Baresip.builder("1002").transport(transport).registrar(server.sipAddress(), "demo1002")
            .tone(600).start()) {
      alice.awaitRegistered(WAIT);
      bob.awaitRegistered(WAIT);

      assertThat(alice.dial("sip:1002@127.0.0.1").ok()).isTrue();
      BaresipEvent answered = bob.awaitEvent("CALL_ESTABLISHED", WAIT);
      alice.awaitEvent("CALL_ESTABLISHED", WAIT);
      Thread.sleep(2500);
      alice.hangup();
      alice.awaitEvent("CALL_CLOSED", WAIT);
      bob.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(answered.peerUri()).contains("1001");
      assertHears(bob, 1000);
      assertHears(alice, 600);
    }
  }

  private static void assertHears(Baresip phone, double hz) {
    ToneReport report = Tone.analyze(phone.awaitReceivedAudio(WAIT), Duration.ofMillis(500), Duration.ofMillis(200));
    assertThat(report.isToneOf(hz, 20)).as(phone.describe() + "\n" + report).isTrue();
  }
}
