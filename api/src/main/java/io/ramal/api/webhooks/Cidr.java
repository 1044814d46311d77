package io.ramal.api.webhooks;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A block of IP addresses: an address and a prefix length ({@code 10.0.0.0/8}, {@code fc00::/7});
 * a bare address is a block of one. Parsing never touches DNS: only address literals are accepted.
 */
record Cidr(InetAddress network, int prefix) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    Cidr {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix must be 0-" + bits + ": " + prefix);
        }
        network = masked(network, prefix);
    }

    static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress network = literal(address)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR block: " + text));
        int bits = network.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a prefix length: " + text);
            }
        }
        return new Cidr(network, prefix);
    }

    /** An IPv4 or IPv6 address literal; empty for anything else (a host name is never resolved). */
    static Optional<InetAddress> literal(String text) {
        String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(address).matches() && !(address.contains(":") && address.matches("[0-9A-Fa-f:.]+"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    boolean contains(InetAddress address) {
        InetAddress candidate = address;
        if (network instanceof Inet4Address && !(candidate instanceof Inet4Address)) {
            candidate = AddressGuard.embeddedIpv4(candidate).orElse(null);
            if (candidate == null) {
                return false;
            }
        }
        if (candidate.getAddress().length != network.getAddress().length) {
            return false;
        }
        return masked(candidate, prefix).equals(network);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }

    private static InetAddress masked(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] = (byte) (bytes[i] & (0xff << (8 - keep)));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
