package io.ramal.sip.message;

/** A non-SIP absolute URI (tel:, mailto:, urn:…) kept as written. */
public record AbsoluteUri(String scheme, String specific) implements Uri {
  @Override
  public String toString() {
    return scheme + ":" + specific;
  }
}
