package io.ramal.it.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.server.TestServer;
import io.ramal.pbx.registrar.AddressOfRecord;
import io.ramal.pbx.registrar.Binding;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Phones on ::1 register and call through the server's IPv6 socket. */
class Ipv6CallsTest {
  private static final Duration RUN = Duration.ofSeconds(30);

  @Test
  void phonesOnIpv6LoopbackRegisterAndCall() throws Exception {
    try (TestServer server = TestServer.start(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), Duration.ofSeconds(30))) {
      InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), server.sipAddress().getPort());
      SipAccount bob = new SipAccount("1002", "demo1002");
      try (Sipp callee = SippPeers.registeredCallee(v6, bob, CalleeBehavior.answer()).localIp("::1").domain("localhost").start()) {
        callee.awaitRegistered(RUN);
        Binding binding = server.ramal().pbx().location().lookup(new AddressOfRecord("demo", "1002")).getFirst();
        assertThat(binding.source().address().getAddress().getHostAddress()).isIn("0:0:0:0:0:0:0:1", "::1");
        SippPeers.caller(v6, new SipAccount("1001", "demo1001"), "1002").localIp("::1").domain("localhost")
            .callDuration(Duration.ofMillis(300)).run(RUN).requireSuccess();
        callee.awaitExit(RUN).requireSuccess();
      }
    }
  }
}
