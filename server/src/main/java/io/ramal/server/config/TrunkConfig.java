package io.ramal.server.config;

import io.ramal.sip.transport.AddressRange;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A SIP trunk of a tenant: the peer that carries calls to and from outside numbers.
 *
 * @param register         whether Ramal registers to the peer with {@code username}/{@code password}
 * @param realm            digest realm to answer challenges for; empty accepts the realm the peer sends
 * @param registerExpiry   the registration interval asked of the peer
 * @param outboundPrefixes number prefixes that leave through this trunk; empty: every external number
 * @param callerId         the number presented as caller on calls out through it; empty: the extension's
 * @param inboundSources   IP addresses or CIDR blocks the peer's calls come from, besides host:port
 */
public record TrunkConfig(
        String name,
        String host,
        int port,
        SipTransport transport,
        Optional<String> username,
        Optional<String> password,
        boolean register,
        Optional<String> realm,
        Duration registerExpiry,
        List<String> outboundPrefixes,
        Optional<String> callerId,
        List<String> inboundSources) {

    /** A prefix: digits, optionally after a +, or a + alone (every E.164 number). */
    static final Pattern PREFIX = Pattern.compile("\\+?[0-9]{0,20}");
    static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,32}");

    public TrunkConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(registerExpiry, "registerExpiry");
        Objects.requireNonNull(callerId, "callerId");
        outboundPrefixes = List.copyOf(outboundPrefixes);
        inboundSources = List.copyOf(inboundSources);
        if (name.isBlank()) {
            throw new IllegalArgumentException("trunk name must not be empty");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("trunk " + name + " has an empty host");
        }
        Ports.check("trunk " + name + " port", port);
        if (port == 0) {
            throw new IllegalArgumentException("trunk " + name + " port must not be 0");
        }
        if (register && (username.isEmpty() || password.isEmpty())) {
            throw new IllegalArgumentException("trunk " + name + " has register: true but no username and password");
        }
        if (registerExpiry.toSeconds() < 60 || registerExpiry.toSeconds() > 86_400) {
            throw new IllegalArgumentException("trunk " + name + " register_expiry must be 60s to 1d");
        }
        for (String prefix : outboundPrefixes) {
            if (prefix.isEmpty() || !PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("trunk " + name + " outbound prefix '" + prefix
                        + "' must be digits, optionally after a +");
            }
        }
        callerId.ifPresent(number -> {
            if (!NUMBER.matcher(number).matches()) {
                throw new IllegalArgumentException("trunk " + name + " caller_id must be 1 to 32 digits, optionally after a +");
            }
        });
        for (String source : inboundSources) {
            AddressRange.parse(source); // throws with the reason
        }
    }

    /** A trunk for every external number, registering (if at all) for an hour, reached only from host:port. */
    public TrunkConfig(String name, String host, int port, SipTransport transport, Optional<String> username,
            Optional<String> password, boolean register, Optional<String> realm) {
        this(name, host, port, transport, username, password, register, realm, Duration.ofHours(1), List.of(),
                Optional.empty(), List.of());
    }

    @Override
    public String toString() {
        return "TrunkConfig[name=" + name + ", host=" + host + ", port=" + port + ", transport=" + transport
                + ", username=" + username.orElse("-") + ", password=" + (password.isPresent() ? "***" : "-")
                + ", register=" + register + ", realm=" + realm.orElse("-") + ", registerExpiry=" + registerExpiry
                + ", outboundPrefixes=" + outboundPrefixes + ", callerId=" + callerId.orElse("-")
                + ", inboundSources=" + inboundSources + "]";
    }
}
