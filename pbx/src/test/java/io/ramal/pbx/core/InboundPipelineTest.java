package io.ramal.pbx.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.sip.message.ParseResult;
import io.ramal.sip.message.SipParser;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InboundPipelineTest {
  private static SipRequest options(String via) {
    String text = "OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: " + via + "\r\nVia: SIP/2.0/UDP 10.9.9.9;branch=z9hG4bKx\r\n"
        + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    return (SipRequest) ((ParseResult.Parsed) SipParser.parse(text.getBytes(StandardCharsets.UTF_8))).message();
  }

  @Test
  void natedPhoneAskingForRportGetsReceivedAndRportFilledIn() {
    Peer from = Peer.of(Transport.UDP, new InetSocketAddress("127.0.0.9", 40000));
    SipRequest stamped = InboundPipeline.stampSource(options("SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bKa;rport"), from);
    assertThat(stamped.topVia().received()).contains("127.0.0.9");
    assertThat(stamped.topVia().rport()).contains(40000);
    assertThat(stamped.vias()).hasSize(2);
    assertThat(stamped.vias().get(1).host()).isEqualTo("10.9.9.9");
  }

  @Test
  void viaFromAnotherHostGetsReceivedOnly() {
    Peer from = Peer.of(Transport.UDP, new InetSocketAddress("127.0.0.9", 5060));
    SipRequest stamped = InboundPipeline.stampSource(options("SIP/2.0/UDP 192.168.1.20;branch=z9hG4bKa"), from);
    assertThat(stamped.topVia().received()).contains("127.0.0.9");
    assertThat(stamped.topVia().hasRport()).isFalse();
  }

  @Test
  void viaThatMatchesTheSourceIsLeftAlone() {
    Peer from = Peer.of(Transport.UDP, new InetSocketAddress("127.0.0.9", 5060));
    SipRequest original = options("SIP/2.0/UDP 127.0.0.9:5060;branch=z9hG4bKa");
    assertThat(InboundPipeline.stampSource(original, from)).isSameAs(original);
  }
}
