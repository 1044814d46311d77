package io.ramal.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class PeerTest {
  @Test
  void ipv6AddressesAreWrittenCompressedInBrackets() throws Exception {
    assertThat(Peer.hostText(InetAddress.getByName("::1"))).isEqualTo("[::1]");
    assertThat(Peer.hostText(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("[2001:db8::1:0:0:1]");
    assertThat(Peer.hostText(InetAddress.getByName("fe80::"))).isEqualTo("[fe80::]");
    assertThat(Peer.hostText(InetAddress.getByName("2001:db8:1:2:3:4:5:6"))).isEqualTo("[2001:db8:1:2:3:4:5:6]");
  }

  @Test
  void ipv4AddressesAreDotted() throws Exception {
    assertThat(Peer.hostText(InetAddress.getByName("127.0.0.1"))).isEqualTo("127.0.0.1");
  }
}
