package io.ramal.api.provisioning;

import io.ramal.api.ApiException;
import io.ramal.api.http.JsonFields;
import io.ramal.sip.transport.AddressRange;
import io.ramal.store.TrunkTransport;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The rules for what an admin may set on a trunk. */
final class TrunkFields {

    /** A DNS name (labels of letters, digits and inner hyphens), an IPv4 address, or an IPv6 address in brackets. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    /** What fits a SIP URI's user part unescaped. */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._~+-]{1,64}");
    /** A prefix: digits, optionally after a +, or a + alone (every E.164 number). */
    private static final Pattern PREFIX = Pattern.compile("\\+?[0-9]{0,20}");
    static final int MAX_PASSWORD = 128;
    static final int MAX_REALM = 128;
    static final int MAX_LIST = 32;
    static final int MIN_EXPIRY = 60;
    static final int MAX_EXPIRY = 86_400;
    /** The widest inbound blocks accepted: a tenant must not claim a provider's whole region, let alone everyone. */
    static final int MIN_IPV4_PREFIX = 16;
    static final int MIN_IPV6_PREFIX = 32;

    private TrunkFields() {}

    static String name(String value) {
        if (!ProvisioningFields.TRUNK_NAME.matcher(value).matches()) {
            throw JsonFields.invalid("name must be 1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    static String host(String value) {
        if (value.startsWith("[") && value.endsWith("]")
                && AddressRange.literal(value.substring(1, value.length() - 1)).filter(a -> value.contains(":")).isPresent()) {
            return value.toLowerCase(Locale.ROOT);
        }
        if (HOST_NAME.matcher(value).matches()) {
            return value.toLowerCase(Locale.ROOT);
        }
        throw JsonFields.invalid("host must be a DNS name, an IPv4 address or an IPv6 address in brackets");
    }

    static TrunkTransport transport(String value) {
        return switch (value) {
            case "udp" -> TrunkTransport.UDP;
            case "tcp" -> TrunkTransport.TCP;
            default -> throw JsonFields.invalid("transport must be udp or tcp");
        };
    }

    static String username(String value) {
        if (!USERNAME.matcher(value).matches()) {
            throw JsonFields.invalid("username must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', '~', '+' or '-'");
        }
        return value;
    }

    static String password(String value) {
        if (value.isEmpty() || value.length() > MAX_PASSWORD || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw JsonFields.invalid("password must be 1 to " + MAX_PASSWORD + " characters without control characters");
        }
        return value;
    }

    static String realm(String value) {
        if (value.isEmpty() || value.length() > MAX_REALM
                || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '"' || c == '\\')) {
            throw JsonFields.invalid("realm must be 1 to " + MAX_REALM + " characters without quotes, backslashes or control characters");
        }
        return value;
    }

    static String callerId(String value) {
        return ProvisioningFields.number("caller_id", value);
    }

    static Set<String> outboundPrefixes(List<String> values) {
        if (values.size() > MAX_LIST) {
            throw JsonFields.invalid("outbound_prefixes may list at most " + MAX_LIST + " prefixes");
        }
        Set<String> prefixes = new TreeSet<>();
        for (String value : values) {
            if (value.isEmpty() || !PREFIX.matcher(value).matches()) {
                throw JsonFields.invalid("outbound_prefixes must be digits, optionally after a + (a + alone: every E.164 number)");
            }
            prefixes.add(value);
        }
        return prefixes;
    }

    /** IP addresses or CIDR blocks, stored in their canonical form; no wider than /16 (IPv4) or /32 (IPv6). */
    static Set<String> inboundSources(List<String> values) {
        if (values.size() > MAX_LIST) {
            throw JsonFields.invalid("inbound_sources may list at most " + MAX_LIST + " addresses or blocks");
        }
        Set<String> sources = new TreeSet<>();
        for (String value : values) {
            AddressRange range;
            try {
                range = AddressRange.parse(value);
            } catch (IllegalArgumentException e) {
                throw JsonFields.invalid("inbound_sources must be IP addresses or CIDR blocks such as 192.0.2.0/24");
            }
            int widest = range.addressBits() == 32 ? MIN_IPV4_PREFIX : MIN_IPV6_PREFIX;
            if (range.prefixLength() < widest) {
                throw new ApiException(400, "source_too_wide", "inbound_sources blocks may be no wider than /"
                        + MIN_IPV4_PREFIX + " (IPv4) or /" + MIN_IPV6_PREFIX + " (IPv6)");
            }
            if (range.network().isAnyLocalAddress() || range.network().isMulticastAddress()) {
                throw JsonFields.invalid("inbound_sources must be unicast addresses");
            }
            sources.add(range.toString());
        }
        return sources;
    }
}
