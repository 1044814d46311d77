package io.ramal.sip.transport;

import java.util.Locale;
import java.util.Optional;

/** SIP transports (RFC 3261 §18, RFC 7118). Reliable ones need no retransmission timers. */
public enum Transport {
  UDP(false),
  TCP(true),
  TLS(true),
  WS(true),
  WSS(true);

  private final boolean reliable;

  Transport(boolean reliable) {
    this.reliable = reliable;
  }

  public boolean reliable() {
    return reliable;
  }

  /** The token used in Via ("UDP", "TCP", …). */
  public String viaName() {
    return name();
  }

  public static Optional<Transport> fromName(String name) {
    try {
      return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
