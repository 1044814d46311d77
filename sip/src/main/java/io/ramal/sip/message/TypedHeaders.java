package io.ramal.sip.message;

/** Parses the typed form of one header of a message, to validate headers the parser treats lazily. */
public final class TypedHeaders {
  private TypedHeaders() {}

  /** Throws {@link MalformedException} when the named header's values do not parse. */
  public static void check(SipMessage m, String canonicalName) {
    switch (canonicalName) {
      case HeaderNames.VIA -> m.vias();
      case HeaderNames.FROM -> m.from();
      case HeaderNames.TO -> m.to();
      case HeaderNames.CSEQ -> m.cseq();
      case HeaderNames.CONTACT -> {
        if (!m.isContactWildcard()) m.contacts();
      }
      case HeaderNames.ROUTE, HeaderNames.RECORD_ROUTE, "Reply-To", "Refer-To", "Referred-By",
          "P-Asserted-Identity", "Path", "Service-Route" -> m.addresses(canonicalName);
      case HeaderNames.MAX_FORWARDS, HeaderNames.EXPIRES, HeaderNames.MIN_EXPIRES, HeaderNames.CONTENT_LENGTH,
          "RSeq" -> {
        String v = m.headers().first(canonicalName).orElse("").strip();
        if (Grammar.unsigned(v, 0xffffffffL) < 0) throw new MalformedException("bad " + canonicalName);
      }
      default -> {}
    }
  }
}
