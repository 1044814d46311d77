package io.ramal.sip.sdp;

import java.util.Locale;
import java.util.Objects;

/**
 * A connection address as in {@code c=IN IP4 192.0.2.1} (also the address part of {@code o=}).
 * Only the {@code IN} network type exists in practice; {@code address} may carry a multicast
 * {@code /ttl} suffix, which {@link #host()} strips.
 */
public record Connection(AddressType addressType, String address) {

    /** {@code IP4} or {@code IP6}. */
    public enum AddressType {
        IP4,
        IP6
    }

    public Connection {
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(address, "address");
        if (address.isEmpty() || address.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("bad connection address: " + address);
        }
    }

    /** {@code IN IP4 ...} or {@code IN IP6 ...}, chosen from the address text. */
    public static Connection of(String address) {
        return new Connection(address.indexOf(':') >= 0 ? AddressType.IP6 : AddressType.IP4, address);
    }

    /** Reads {@code IN IP4 address}; {@code null} when the text is not one. */
    static Connection parseOrNull(String text) {
        String[] f = text.trim().split(" +");
        if (f.length != 3 || !f[0].equalsIgnoreCase("IN")) {
            return null;
        }
        AddressType type;
        switch (f[1].toUpperCase(Locale.ROOT)) {
            case "IP4" -> type = AddressType.IP4;
            case "IP6" -> type = AddressType.IP6;
            default -> {
                return null;
            }
        }
        return new Connection(type, f[2]);
    }

    /** The address without any multicast {@code /ttl/count} suffix. */
    public String host() {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    /**
     * Whether this is the "send nothing here" address {@code 0.0.0.0} (or {@code ::}), the RFC 2543
     * way of putting a stream on hold (RFC 3264 §8.4).
     */
    public boolean isUnspecified() {
        String h = host();
        return h.equals("0.0.0.0") || h.equals("::");
    }

    @Override
    public String toString() {
        return "IN " + addressType + " " + address;
    }
}
