package io.ramal.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 4475 §3: valid messages parse and round-trip, invalid ones are refused with a reason. */
class Rfc4475TortureTest {

  static Stream<String> valid() {
    return Stream.of("wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq",
        "semiuri", "transports", "mpart01", "unreason", "noreason",
        // §3.3: syntactically valid, handled by the application layer
        "unkscm", "novelsc", "unksm2", "bext01", "inv2543", "invut", "regaut01", "bcast", "zeromf",
        "cparam01", "cparam02", "regescrt", "sdp01");
  }

  static Stream<String> invalid() {
    return Stream.of("badinv01", "clerr", "ncl", "scalar02", "scalarlg", "quotbal", "ltgtruri", "lwsruri",
        "lwsstart", "trws", "escruri", "baddate", "regbadct", "badaspec", "baddn", "mismatch01",
        "mismatch02", "bigcode", "badbranch", "insuf", "multi01", "mcl01");
  }

  @ParameterizedTest
  @MethodSource("valid")
  void validMessageParsesAndRoundTrips(String name) {
    ParseResult result = SipParser.parse(Corpus.read("rfc4475", name + ".dat"));
    assertThat(result).as(name + ": " + result).isInstanceOf(ParseResult.Parsed.class);
    SipMessage message = ((ParseResult.Parsed) result).message();
    ParseResult again = SipParser.parse(message.toBytes());
    assertThat(again).isInstanceOf(ParseResult.Parsed.class);
    SipMessage reparsed = ((ParseResult.Parsed) again).message();
    assertThat(reparsed.startLine()).isEqualTo(message.startLine());
    assertThat(reparsed.body()).isEqualTo(message.body());
    assertThat(reparsed.headers().without(HeaderNames.CONTENT_LENGTH))
        .isEqualTo(message.headers().without(HeaderNames.CONTENT_LENGTH));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void invalidMessageIsRefusedWithBadRequest(String name) {
    ParseResult result = SipParser.parse(Corpus.read("rfc4475", name + ".dat"));
    assertThat(result).as(name).isInstanceOf(ParseResult.Malformed.class);
    ParseResult.Malformed m = (ParseResult.Malformed) result;
    assertThat(m.status()).isEqualTo(400);
    assertThat(m.reason()).isNotBlank();
  }

  @org.junit.jupiter.api.Test
  void unsupportedVersionDeserves505() {
    ParseResult result = SipParser.parse(Corpus.read("rfc4475", "badvers.dat"));
    assertThat(result).isInstanceOfSatisfying(ParseResult.Malformed.class, m -> assertThat(m.status()).isEqualTo(505));
  }

  @org.junit.jupiter.api.Test
  void responsesWithBadScalarsAreMarkedAsResponsesSoTheyAreDropped() {
    ParseResult result = SipParser.parse(Corpus.read("rfc4475", "scalarlg.dat"));
    assertThat(result).isInstanceOfSatisfying(ParseResult.Malformed.class, m -> assertThat(m.request()).isFalse());
  }

  @org.junit.jupiter.api.Test
  void foldedAndOddlySpacedHeadersAreReadAsTheirValues() {
    SipRequest r = (SipRequest) ((ParseResult.Parsed) SipParser.parse(Corpus.read("rfc4475", "wsinv.dat"))).message();
    assertThat(r.to().tag()).contains("1918181833n");
    assertThat(r.from().tag()).contains("98asjd8");
    assertThat(r.from().displayText()).isEqualTo("J Rosenberg \\\"");
    assertThat(r.cseq()).isEqualTo(new CSeq(9, "INVITE"));
    assertThat(r.vias()).hasSize(3);
    assertThat(r.vias().get(1).transport()).isEqualTo("TCP");
    assertThat(r.vias().get(2).branch()).contains("z9hG4bK30239");
    assertThat(r.contacts().get(0).params().get("q")).contains("0.33");
    assertThat(r.headers().first("Subject")).contains("");
    assertThat(r.body()).hasSize(150);
  }

  @org.junit.jupiter.api.Test
  void extraBytesAfterContentLengthAreIgnored() {
    SipMessage m = ((ParseResult.Parsed) SipParser.parse(Corpus.read("rfc4475", "dblreq.dat"))).message();
    assertThat(m.body()).isEmpty();
    assertThat(((SipRequest) m).method()).isEqualTo("REGISTER");
  }

  @org.junit.jupiter.api.Test
  void escapedNullInUserPartDecodes() {
    SipRequest r = (SipRequest) ((ParseResult.Parsed) SipParser.parse(Corpus.read("rfc4475", "escnull.dat"))).message();
    assertThat(((SipUri) r.to().uri()).userDecoded()).isEqualTo("null-\0-null");
  }
}
