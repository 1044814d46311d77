package io.ramal.it.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippScenario;
import io.ramal.it.server.TestServer;
import io.ramal.server.config.SipTransport;
import io.ramal.server.config.TrunkConfig;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A trunk configured to register does so with its credentials at a provider (a SIPp registrar that checks the digest). */
class TrunkRegistrationTest {
  @Test
  void trunkRegistersWithItsCredentialsAtTheProvider() {
    int providerPort = FreePorts.udpAndTcp();
    SipAccount account = new SipAccount("ramaltrunk", "s3cret-provider");
    try (Sipp provider = Sipp.builder(SippScenario.resource("peer/registrar.xml")).localPort(providerPort)
        .accounts(account).start()) {
      provider.awaitListening(Duration.ofSeconds(10));
      TrunkConfig trunk = new TrunkConfig("provider", "127.0.0.1", providerPort, SipTransport.UDP,
          Optional.of(account.user()), Optional.of(account.password()), true, Optional.empty());
      try (TestServer server = TestServer.start(FreePorts.udpAndTcp(), trunk, Duration.ofSeconds(30))) {
        provider.awaitExit(Duration.ofSeconds(20)).requireSuccess();
        await().atMost(Duration.ofSeconds(10))
            .until(() -> server.ramal().pbx().trunkRegistrations().getFirst().isRegistered());
        assertThat(server.ramal().pbx().trunkRegistrations()).hasSize(1);
      }
    }
  }
}
