package io.ramal.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A SIP request or response. Typed accessors parse the headers the stack interprets; the parser
 * has already validated those, so on a parsed message they do not throw. Messages built in code
 * are checked when serialized by the peer, not here. Typed values are parsed once and kept with
 * the {@link Headers} (see there), so repeated calls are cheap.
 */
public sealed interface SipMessage permits SipRequest, SipResponse {
  Headers headers();

  byte[] body();

  String startLine();

  default String callId() {
    return headers().callId();
  }

  default CSeq cseq() {
    return headers().cseq();
  }

  default Address from() {
    return headers().from();
  }

  default Address to() {
    return headers().to();
  }

  /** Every Via value, top first, as an unmodifiable list. */
  default List<Via> vias() {
    return headers().vias();
  }

  default Via topVia() {
    return headers().topVia();
  }

  /** Contact values, unmodifiable; throws for the wildcard, see {@link #isContactWildcard()}. */
  default List<Address> contacts() {
    return addresses(HeaderNames.CONTACT);
  }

  default boolean isContactWildcard() {
    return headers().isContactWildcard();
  }

  /** The values of an address header (Contact, Route, Record-Route…), unmodifiable. */
  default List<Address> addresses(String headerName) {
    return headers().addresses(headerName);
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
