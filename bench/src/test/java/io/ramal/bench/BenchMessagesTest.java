package io.ramal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.ramal.sip.message.ParseResult;
import io.ramal.sip.message.SipMessage;
import io.ramal.sip.message.SipParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BenchMessagesTest {
  @ParameterizedTest
  @EnumSource(BenchMessages.class)
  void bothParsersReadTheSameCallIdCSeqAndTags(BenchMessages fixture) throws Exception {
    byte[] wire = fixture.bytes();
    ParseResult ramal = SipParser.parse(wire);
    SIPMessage jain = new StringMsgParser().parseSIPMessage(wire, true, false, null);

    assertThat(ramal).isInstanceOf(ParseResult.Parsed.class);
    SipMessage m = ((ParseResult.Parsed) ramal).message();
    assertThat(jain).isNotNull();
    assertThat(m.callId()).isEqualTo(jain.getCallId().getCallId());
    assertThat(m.cseq().seq()).isEqualTo(jain.getCSeq().getSeqNumber());
    assertThat(m.from().tag()).contains(jain.getFrom().getTag());
    assertThat(m.topVia().branch()).contains(jain.getTopmostVia().getBranch());
    assertThat(m.body()).isEqualTo(jain.getRawContent() == null ? new byte[0] : jain.getRawContent());
  }

  @Test
  void everyLineEndsWithCrlfAndContentLengthMatchesTheBody() {
    for (BenchMessages fixture : BenchMessages.values()) {
      String text = new String(fixture.bytes(), StandardCharsets.UTF_8);
      assertThat(text.replace("\r\n", "")).doesNotContain("\n");
      SipMessage m = ((ParseResult.Parsed) SipParser.parse(fixture.bytes())).message();
      assertThat(m.headers().first("Content-Length")).contains(Integer.toString(m.body().length));
    }
  }

  @Test
  void inviteAndOkCarrySdpAndRegisterNone() {
    assertThat(body(BenchMessages.INVITE)).startsWith("v=0\r\n").contains("m=audio 11780 RTP/AVP");
    assertThat(body(BenchMessages.OK)).startsWith("v=0\r\n").contains("m=audio 5004 RTP/AVP");
    assertThat(body(BenchMessages.REGISTER)).isEmpty();
  }

  private static String body(BenchMessages fixture) {
    return ((ParseResult.Parsed) SipParser.parse(fixture.bytes())).message().bodyText();
  }
}
