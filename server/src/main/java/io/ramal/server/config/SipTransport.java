package io.ramal.server.config;

import java.util.Locale;

/** A SIP transport the server can listen on or use towards a trunk. */
public enum SipTransport {
    UDP,
    TCP;

    /** The lower-case name used in the config file ({@code udp}, {@code tcp}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SipTransport fromConfigName(String text) {
        for (SipTransport transport : values()) {
            if (transport.configName().equals(text.toLowerCase(Locale.ROOT))) {
                return transport;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + text + "' (supported: udp, tcp)");
    }
}
