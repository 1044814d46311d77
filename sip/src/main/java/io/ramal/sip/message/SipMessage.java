package io.ramal.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A SIP request or response. Typed accessors parse the headers the stack interprets; the parser
 * has already validated those, so on a parsed message they do not throw. Messages built in code
 * are checked when serialized by the peer, not here.
 */
public sealed interface SipMessage permits SipRequest, SipResponse {
  Headers headers();

  byte[] body();

  String startLine();

  default String callId() {
    return headers().first(HeaderNames.CALL_ID).orElseThrow(() -> new MalformedException("missing Call-ID")).strip();
  }

  default CSeq cseq() {
    return CSeq.parse(headers().first(HeaderNames.CSEQ).orElseThrow(() -> new MalformedException("missing CSeq")));
  }

  default Address from() {
    return Address.parse(headers().first(HeaderNames.FROM).orElseThrow(() -> new MalformedException("missing From")));
  }

  default Address to() {
    return Address.parse(headers().first(HeaderNames.TO).orElseThrow(() -> new MalformedException("missing To")));
  }

  default List<Via> vias() {
    List<String> values = headers().values(HeaderNames.VIA);
    List<Via> out = new ArrayList<>(values.size());
    for (String v : values) out.add(Via.parse(v));
    return out;
  }

  default Via topVia() {
    List<String> values = headers().values(HeaderNames.VIA);
    if (values.isEmpty()) throw new MalformedException("missing Via");
    return Via.parse(values.get(0));
  }

  /** Contact values; throws for the wildcard, see {@link #isContactWildcard()}. */
  default List<Address> contacts() {
    return addresses(HeaderNames.CONTACT);
  }

  default boolean isContactWildcard() {
    List<String> values = headers().values(HeaderNames.CONTACT);
    return values.size() == 1 && values.get(0).equals("*");
  }

  default List<Address> addresses(String headerName) {
    List<String> values = headers().values(headerName);
    List<Address> out = new ArrayList<>(values.size());
    for (String v : values) out.add(Address.parse(v));
    return out;
  }

  /** Expires header as seconds, when present and valid. */
  default Optional<Long> expires() {
    return headers().first(HeaderNames.EXPIRES).map(String::strip).map(v -> Grammar.unsigned(v, 0xffffffffL))
        .filter(v -> v >= 0);
  }

  default Optional<String> contentType() {
    return headers().first(HeaderNames.CONTENT_TYPE).map(String::strip);
  }

  default String bodyText() {
    return new String(body(), StandardCharsets.UTF_8);
  }

  /** The wire form; Content-Length always states the body's length. */
  default byte[] toBytes() {
    return Serializer.toBytes(this);
  }
}
