package io.ramal.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressRangeTest {

  private static InetAddress ip(String literal) {
    return AddressRange.literal(literal).orElseThrow();
  }

  @Test
  void aBlockContainsItsAddressesAndNoOthers() {
    AddressRange carrier = AddressRange.parse("192.0.2.0/24");
    assertThat(carrier.contains(ip("192.0.2.1"))).isTrue();
    assertThat(carrier.contains(ip("192.0.2.255"))).isTrue();
    assertThat(carrier.contains(ip("192.0.3.1"))).isFalse();
    assertThat(carrier.contains(ip("::1"))).isFalse();
  }

  @Test
  void oneAddressIsARangeOfOne() {
    AddressRange one = AddressRange.parse("127.0.0.1");
    assertThat(one.single()).isTrue();
    assertThat(one.contains(ip("127.0.0.1"))).isTrue();
    assertThat(one.contains(ip("127.0.0.2"))).isFalse();
    assertThat(one).hasToString("127.0.0.1");
  }

  @Test
  void hostBitsAreClearedAndTheTextRoundTrips() {
    assertThat(AddressRange.parse("192.0.2.77/24")).hasToString("192.0.2.0/24");
    assertThat(AddressRange.parse("2001:DB8:0:0::1/32")).hasToString("2001:db8::/32");
    assertThat(AddressRange.parse(AddressRange.parse("10.1.0.0/16").toString()))
        .isEqualTo(AddressRange.parse("10.1.0.0/16"));
    assertThat(AddressRange.parse("[::1]")).hasToString("::1");
  }

  @Test
  void ipv6BlocksMatchByPrefix() {
    AddressRange block = AddressRange.parse("2001:db8:abcd::/48");
    assertThat(block.contains(ip("2001:db8:abcd:1::5"))).isTrue();
    assertThat(block.contains(ip("2001:db8:abce::5"))).isFalse();
    assertThat(block.addressBits()).isEqualTo(128);
  }

  @Test
  void namesAndMalformedTextAreRefusedWithoutALookUp() {
    for (String bad : new String[] {"carrier.example", "localhost", "", "1.2.3", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/x",
        "::1/129", "1.2.3.4/-1", "999.1.1.1"}) {
      assertThatThrownBy(() -> AddressRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
