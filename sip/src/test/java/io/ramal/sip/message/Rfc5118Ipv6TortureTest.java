package io.ramal.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 5118 §4. The three-colon form of §4.10 is tolerated, as the RFC's robustness note asks
 * (decision recorded in docs/adr/0002-sip-parser-leniency.md).
 */
class Rfc5118Ipv6TortureTest {
  static Stream<String> accepted() {
    return Stream.of("ipv6-good", "port-ambiguous", "port-unambiguous", "via-received-param-with-delim",
        "via-received-param-no-delim", "ipv6-in-sdp", "mult-ip-in-header", "mult-ip-in-sdp",
        "ipv4-mapped-ipv6", "ipv6-bug-abnf-3-colons", "ipv6-correct-abnf-2-colons");
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void ipv6MessageIsAccepted(String name) {
    assertThat(SipParser.parse(Corpus.read("rfc5118", name))).as(name).isInstanceOf(ParseResult.Parsed.class);
  }

  @Test
  void requestUriWithUnbracketedIpv6IsRejected() {
    assertThat(SipParser.parse(Corpus.read("rfc5118", "ipv6-bad"))).isInstanceOf(ParseResult.Malformed.class);
  }

  @Test
  void bracketedAddressWithoutPortIsNotMistakenForAPort() {
    SipRequest r = (SipRequest) ((ParseResult.Parsed) SipParser.parse(Corpus.read("rfc5118", "port-ambiguous"))).message();
    SipUri uri = (SipUri) r.requestUri();
    assertThat(uri.host()).isEqualTo("[2001:db8::10:5070]");
    assertThat(uri.port()).isEqualTo(-1);
    SipRequest u = (SipRequest) ((ParseResult.Parsed) SipParser.parse(Corpus.read("rfc5118", "port-unambiguous"))).message();
    assertThat(((SipUri) u.requestUri()).port()).isEqualTo(5070);
    assertThat(((SipUri) u.requestUri()).hostName()).isEqualTo("2001:db8::10");
  }

  @Test
  void viaReceivedParameterIsReadWithOrWithoutBrackets() {
    SipMessage with = ((ParseResult.Parsed) SipParser.parse(Corpus.read("rfc5118", "via-received-param-with-delim"))).message();
    SipMessage without = ((ParseResult.Parsed) SipParser.parse(Corpus.read("rfc5118", "via-received-param-no-delim"))).message();
    assertThat(with.topVia().received()).hasValueSatisfying(v -> assertThat(v).contains("2001:db8::9:255"));
    assertThat(without.topVia().received()).hasValueSatisfying(v -> assertThat(v).contains("2001:db8::9:255"));
  }
}
