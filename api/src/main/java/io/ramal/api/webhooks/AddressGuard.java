package io.ramal.api.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The SSRF guard: a webhook URL must be {@code http} or {@code https}, carry no user info, and
 * every address its host resolves to must be a public one — not loopback, link-local, private
 * (RFC 1918, IPv6 unique-local), shared CGNAT space, multicast, unspecified or otherwise reserved —
 * unless the tenant's allow-list covers it. IPv6 forms that embed an IPv4 address (mapped,
 * compatible, NAT64, 6to4) are judged by that address.
 */
public final class AddressGuard {

    /** The guard's answer. */
    public sealed interface Verdict {
        /** The URL may be used; {@code addresses} are what its host resolved to. */
        record Allowed(List<InetAddress> addresses) implements Verdict {
            public Allowed {
                addresses = List.copyOf(addresses);
            }
        }

        /** The URL may not be used, for {@code reason} (said to the admin as is). */
        record Refused(String reason) implements Verdict {
            public Refused {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    private record Range(Cidr block, String what) {}

    private static final List<Range> IPV4 = List.of(
            new Range(Cidr.parse("0.0.0.0/8"), "an unspecified ('this network') address"),
            new Range(Cidr.parse("10.0.0.0/8"), "a private address (RFC 1918)"),
            new Range(Cidr.parse("100.64.0.0/10"), "a shared CGNAT address (RFC 6598)"),
            new Range(Cidr.parse("127.0.0.0/8"), "a loopback address"),
            new Range(Cidr.parse("169.254.0.0/16"), "a link-local address"),
            new Range(Cidr.parse("172.16.0.0/12"), "a private address (RFC 1918)"),
            new Range(Cidr.parse("192.0.0.0/24"), "a special-purpose address (RFC 6890)"),
            new Range(Cidr.parse("192.168.0.0/16"), "a private address (RFC 1918)"),
            new Range(Cidr.parse("198.18.0.0/15"), "a benchmarking address (RFC 2544)"),
            new Range(Cidr.parse("224.0.0.0/4"), "a multicast address"),
            new Range(Cidr.parse("240.0.0.0/4"), "a reserved or broadcast address"));
    private static final List<Range> IPV6 = List.of(
            new Range(Cidr.parse("::/128"), "an unspecified address"),
            new Range(Cidr.parse("::1/128"), "a loopback address"),
            new Range(Cidr.parse("fe80::/10"), "a link-local address"),
            new Range(Cidr.parse("fec0::/10"), "a site-local address"),
            new Range(Cidr.parse("fc00::/7"), "a unique-local address (ULA, fc00::/7)"),
            new Range(Cidr.parse("ff00::/8"), "a multicast address"));

    private final HostResolver resolver;

    public AddressGuard(HostResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** A guard on the JVM's resolver. */
    public static AddressGuard system() {
        return new AddressGuard(HostResolver.SYSTEM);
    }

    /** Checks a URL for a tenant whose allow-list is {@code allowList}. */
    Verdict check(URI uri, List<Cidr> allowList) {
        String scheme = Optional.ofNullable(uri.getScheme()).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new Verdict.Refused("only http and https URLs are allowed");
        }
        if (uri.getRawUserInfo() != null) {
            return new Verdict.Refused("URLs with user info (user@host) are not allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return new Verdict.Refused("the URL has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return new Verdict.Refused("the host " + host + " does not resolve");
        }
        if (addresses.isEmpty()) {
            return new Verdict.Refused("the host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> blocked = classify(address);
            if (blocked.isPresent() && allowList.stream().noneMatch(block -> block.contains(address))) {
                return new Verdict.Refused("the host " + host + " resolves to " + address.getHostAddress() + ", "
                        + blocked.get() + "; a tenant admin can allow it in the webhook allow-list");
            }
        }
        return new Verdict.Allowed(addresses);
    }

    /** What kind of non-public address this is; empty for a public one. */
    static Optional<String> classify(InetAddress address) {
        if (address instanceof Inet4Address) {
            return find(IPV4, address);
        }
        Optional<String> own = find(IPV6, address);
        if (own.isPresent()) {
            return own;
        }
        return embeddedIpv4(address).flatMap(AddressGuard::classify);
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean zeros80 = allZero(b, 0, 10);
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12);
        try {
            if (mapped || compatible || nat64) {
                return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(b, 2, 6)));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return Optional.empty();
    }

    private static Optional<String> find(List<Range> ranges, InetAddress address) {
        for (Range range : ranges) {
            if (range.block().contains(address)) {
                return Optional.of(range.what());
            }
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
