package io.ramal.sip.transaction;

import static io.ramal.sip.transaction.Messages.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ResponseRoutingTest {
  private static Peer peer(Transport t, int port, long connection) {
    return new Peer(t, new InetSocketAddress("127.0.0.1", port), connection);
  }

  @Test
  void udpWithRportAnswersTheSourcePort() {
    var req = request("OPTIONS", "SIP/2.0/UDP 127.0.0.9:5080;rport=33333;received=127.0.0.1;branch=z9hG4bKr1");

    assertThat(ResponseRouting.destination(req, peer(Transport.UDP, 33333, 0))).isEqualTo(peer(Transport.UDP, 33333, 0));
  }

  @Test
  void udpWithoutRportAnswersTheSourceAddressOnTheSentByPort() {
    var req = request("OPTIONS", "SIP/2.0/UDP 127.0.0.9:5080;received=127.0.0.1;branch=z9hG4bKr2");

    assertThat(ResponseRouting.destination(req, peer(Transport.UDP, 33333, 0))).isEqualTo(peer(Transport.UDP, 5080, 0));
  }

  @Test
  void udpWithoutPortInViaAnswersPort5060() {
    var req = request("OPTIONS", "SIP/2.0/UDP 127.0.0.9;branch=z9hG4bKr3");

    assertThat(ResponseRouting.destination(req, peer(Transport.UDP, 33333, 0))).isEqualTo(peer(Transport.UDP, 5060, 0));
  }

  @Test
  void reliableTransportsAnswerOnTheSameConnection() {
    var req = request("OPTIONS", "SIP/2.0/WS abc.invalid;branch=z9hG4bKr4");
    Peer from = peer(Transport.WS, 41000, 12);

    assertThat(ResponseRouting.destination(req, from)).isEqualTo(from);
    assertThat(ResponseRouting.fallback(req, from)).isEmpty();
  }

  @Test
  void tcpFallbackOpensAConnectionToTheSentByPort() {
    var tcp = request("OPTIONS", "SIP/2.0/TCP 127.0.0.9:5090;branch=z9hG4bKr5");
    var tls = request("OPTIONS", "SIP/2.0/TLS 127.0.0.9;branch=z9hG4bKr6");

    assertThat(ResponseRouting.fallback(tcp, peer(Transport.TCP, 41000, 3))).contains(peer(Transport.TCP, 5090, 0));
    assertThat(ResponseRouting.fallback(tls, peer(Transport.TLS, 41000, 3))).contains(peer(Transport.TLS, 5061, 0));
  }
}
