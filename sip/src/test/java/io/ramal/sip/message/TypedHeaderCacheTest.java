package io.ramal.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Typed header values are parsed once per {@link Headers} and shared, without losing correctness. */
class TypedHeaderCacheTest {
  private static final String INVITE = """
      INVITE sip:bob@example.com SIP/2.0
      Via: SIP/2.0/UDP pc.example.com;branch=z9hG4bK776asdhds, SIP/2.0/TCP p.example.com;branch=z9hG4bK1
      Max-Forwards: 70
      To: Bob <sip:bob@example.com>
      From: "Alice" <sip:alice@example.com>;tag=1928301774
      Call-ID: a84b4c76e66710@pc.example.com
      CSeq: 314159 INVITE
      Contact: <sip:alice@pc.example.com>
      Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>
      Content-Length: 0

      """.replace("\n", "\r\n");

  private static SipRequest parsed() {
    return (SipRequest) ((ParseResult.Parsed) SipParser.parse(INVITE.getBytes(StandardCharsets.US_ASCII))).message();
  }

  @Test
  void parsedMessageAnswersWithTheValuesValidationParsed() {
    SipRequest m = parsed();
    assertThat(m.topVia()).isSameAs(m.topVia()).isSameAs(m.vias().get(0));
    assertThat(m.vias()).hasSize(2);
    assertThat(m.from()).isSameAs(m.from());
    assertThat(m.from().tag()).contains("1928301774");
    assertThat(m.to()).isSameAs(m.to());
    assertThat(m.cseq()).isSameAs(m.cseq()).isEqualTo(new CSeq(314159, "INVITE"));
    assertThat(m.callId()).isEqualTo("a84b4c76e66710@pc.example.com");
    assertThat(m.contacts()).isSameAs(m.contacts()).hasSize(1);
    assertThat(m.addresses(HeaderNames.RECORD_ROUTE)).isSameAs(m.addresses("record-route")).hasSize(2);
    assertThat(m.addresses(HeaderNames.ROUTE)).isEmpty();
  }

  @Test
  void typedListsCannotBeChanged() {
    SipRequest m = parsed();
    assertThatThrownBy(() -> m.vias().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.contacts().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void messagesSharingHeadersShareTheirTypedValues() {
    SipRequest m = parsed();
    SipRequest moved = m.withRequestUri(SipUri.of("bob", "192.0.2.4", 5060));
    assertThat(moved.from()).isSameAs(m.from());
    SipRequest changed = m.withHeaders(m.headers().with(HeaderNames.FROM, "<sip:carol@example.com>;tag=9"));
    assertThat(changed.from().tag()).contains("9");
    assertThat(m.from().tag()).contains("1928301774");
  }

  @Test
  void headersBuiltInCodeAreParsedOnFirstUseAndKept() {
    Headers h = Headers.builder().add(HeaderNames.VIA, "SIP/2.0/UDP h.example.com;branch=z9hG4bK5")
        .add("from", "<sip:a@example.com>;tag=7").add(HeaderNames.TO, "<sip:b@example.com>")
        .add("Call-ID", " c1 ").add(HeaderNames.CSEQ, "4 BYE").build();
    SipRequest m = new SipRequest("BYE", SipUri.of("b", "example.com", -1), h, new byte[0]);
    assertThat(m.from().tag()).contains("7");
    assertThat(m.from()).isSameAs(m.from());
    assertThat(m.callId()).isEqualTo("c1");
    assertThat(m.topVia().branch()).contains("z9hG4bK5");
    assertThat(m.cseq().seq()).isEqualTo(4);
  }

  @Test
  void malformedHeadersBuiltInCodeKeepFailingAndAreNotKept() {
    Headers h = Headers.builder().add(HeaderNames.FROM, "<sip:a@example.com").add(HeaderNames.CONTACT, "*").build();
    SipRequest m = new SipRequest("REGISTER", SipUri.of("", "example.com", -1), h, new byte[0]);
    assertThatThrownBy(m::from).isInstanceOf(MalformedException.class).hasMessageContaining("'>'");
    assertThatThrownBy(m::from).isInstanceOf(MalformedException.class).hasMessageContaining("'>'");
    assertThatThrownBy(m::cseq).isInstanceOf(MalformedException.class).hasMessage("missing CSeq");
    assertThat(m.isContactWildcard()).isTrue();
    assertThatThrownBy(m::contacts).isInstanceOf(MalformedException.class);
    assertThatThrownBy(m::topVia).isInstanceOf(MalformedException.class).hasMessage("missing Via");
  }

  @Test
  void topViaOfHeadersBuiltInCodeDoesNotNeedTheLowerViasToParse() {
    Headers h = Headers.builder().add(HeaderNames.VIA, "SIP/2.0/UDP h.example.com;branch=z9hG4bK5")
        .add(HeaderNames.VIA, "not a via").build();
    SipRequest m = new SipRequest("BYE", SipUri.of("b", "example.com", -1), h, new byte[0]);
    assertThat(m.topVia().host()).isEqualTo("h.example.com");
    assertThatThrownBy(m::vias).isInstanceOf(MalformedException.class);
  }

  @Test
  void threadsReadingOneMessageAtOnceAllSeeTheSameValues() throws Exception {
    String text = INVITE.replace("Content-Length: 0", "Route: <sip:r.example.com;lr>\r\nContent-Length: 0");
    SipMessage parsedOnce = ((ParseResult.Parsed) SipParser.parse(text.getBytes(StandardCharsets.US_ASCII))).message();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 200; round++) {
        // Fresh headers each round, so the threads race to fill the empty cache fields.
        SipRequest m = ((SipRequest) parsedOnce).withHeaders(parsedOnce.headers().toBuilder().build());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          answers.add(pool.submit(() -> {
            go.await();
            return m.callId() + m.cseq() + m.from() + m.to() + m.vias() + m.topVia() + m.contacts()
                + m.addresses(HeaderNames.ROUTE) + m.addresses(HeaderNames.RECORD_ROUTE) + m.isContactWildcard();
          }));
        }
        go.countDown();
        String expected = parsedOnce.callId() + parsedOnce.cseq() + parsedOnce.from() + parsedOnce.to()
            + parsedOnce.vias() + parsedOnce.topVia() + parsedOnce.contacts() + parsedOnce.addresses(HeaderNames.ROUTE)
            + parsedOnce.addresses(HeaderNames.RECORD_ROUTE) + parsedOnce.isContactWildcard();
        for (Future<String> f : answers) assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
