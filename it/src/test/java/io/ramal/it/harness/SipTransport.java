package io.ramal.it.harness;

import java.util.Locale;

/**
 * The SIP transport a peer uses: UDP or TCP.
 *
 * <p>{@link #sippMode()} is SIPp's {@code -t} value (one socket), {@link #uriParameter()} the
 * {@code transport=} URI parameter baresip and SIP URIs use.
 */
public enum SipTransport {
  UDP("u1"),
  TCP("t1");

  private final String sippMode;

  SipTransport(String sippMode) {
    this.sippMode = sippMode;
  }

  /** SIPp's {@code -t} argument. */
  public String sippMode() {
    return sippMode;
  }

  /** The value of a SIP URI's {@code transport} parameter: "udp" or "tcp". */
  public String uriParameter() {
    return name().toLowerCase(Locale.ROOT);
  }
}
