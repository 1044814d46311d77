package io.ramal.it.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippScenario;
import io.ramal.it.server.TestServer;
import io.ramal.server.config.MediaConfig;
import io.ramal.server.config.StoreConfig;
import io.ramal.store.CallDisposition;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * With {@code media.mode: direct} the B2BUA leaves session descriptions alone: a re-INVITE and an
 * UPDATE from one phone reach the other phone, which answers them itself.
 */
class DirectMediaCallsTest {
  private static final Duration RUN = Duration.ofSeconds(30);

  @Test
  void reInviteAndUpdateAreRelayedToTheOtherParty() {
    MediaConfig direct = new MediaConfig(false, "127.0.0.1", Optional.empty(), 20000, 20999, Duration.ofSeconds(60));
    try (TestServer server = TestServer.start(FreePorts.udpAndTcp(), TestServer.localTrunk(FreePorts.udpAndTcp()),
        Duration.ofSeconds(3), StoreConfig.EMBEDDED, direct)) {
      InetSocketAddress sip = server.sipAddress();
      try (Sipp callee = Sipp.builder(SippScenario.registerAndServe())
          .outOfCall(SippScenario.resource("uas-answer-reinvite.xml")).global("expected_calls", "1")
          .remote(sip).accounts(new SipAccount("1009", "demo1009")).autoAnswer().start()) {
        callee.awaitRegistered(RUN);
        Sipp.builder(SippScenario.resource("uac-reinvite-digest.xml")).remote(sip)
            .accounts(new SipAccount("1001", "demo1001")).service("1009").callDuration(Duration.ofMillis(200))
            .run(RUN).requireSuccess();
        callee.awaitExit(RUN).requireSuccess();
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> !server.callRecords().isEmpty());
      assertThat(server.callRecords().get(0).disposition()).isEqualTo(CallDisposition.ANSWERED);
    }
  }
}
