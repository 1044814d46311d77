package io.ramal.sip.dialog;

import io.ramal.sip.message.ParseResult;
import io.ramal.sip.message.SipParser;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;

/** Messages for dialog tests, written as on the wire (LF line ends here, CRLF when parsed). */
final class Wire {
  private Wire() {}

  static SipRequest request(String text) {
    return (SipRequest) parse(text);
  }

  static SipResponse response(String text) {
    return (SipResponse) parse(text);
  }

  private static Object parse(String text) {
    String crlf = text.strip().replace("\n", "\r\n") + "\r\n\r\n";
    ParseResult result = SipParser.parse(crlf.getBytes(StandardCharsets.UTF_8));
    if (result instanceof ParseResult.Parsed parsed) return parsed.message();
    throw new IllegalArgumentException("not a message: " + result);
  }
}
