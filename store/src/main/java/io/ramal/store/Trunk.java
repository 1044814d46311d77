package io.ramal.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A SIP connection to a provider or another PBX, used for outbound calls and, when
 * {@code register} is set, kept registered so the provider can send inbound calls.
 *
 * <p>Unlike an extension's, a trunk's password must be read back: the PBX is the client here and
 * must compute digest responses to the provider's challenges, whose realm and algorithm it only
 * learns when they arrive, so a precomputed hash is not enough. {@link Trunks} keeps it sealed
 * under the server's secrets key ({@link SecretSeal}).
 *
 * @param auth             credentials, required when {@code register} is set
 * @param registerExpiry   the registration interval asked of the provider
 * @param outboundPrefixes number prefixes that leave through this trunk; empty: every external number
 * @param callerId         the number presented as caller on calls out through it; empty: the extension's
 * @param inboundSources   IP addresses or CIDR blocks the provider's calls come from, besides host:port
 */
public record Trunk(
        String tenantId, String name, String host, int port, TrunkTransport transport,
        Optional<TrunkAuth> auth, boolean register, Duration registerExpiry, Set<String> outboundPrefixes,
        Optional<String> callerId, Set<String> inboundSources) {

    /** What a provider is asked for unless told otherwise: an hour. */
    public static final Duration DEFAULT_REGISTER_EXPIRY = Duration.ofHours(1);

    public Trunk {
        Text.requireNonBlank(tenantId, "tenantId");
        Text.requireNonBlank(name, "name");
        Text.requireNonBlank(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(auth, "auth");
        if (register && auth.isEmpty()) {
            throw new IllegalArgumentException("a registering trunk needs credentials");
        }
        Objects.requireNonNull(registerExpiry, "registerExpiry");
        if (registerExpiry.toSeconds() < 1) {
            throw new IllegalArgumentException("registerExpiry must be at least a second");
        }
        outboundPrefixes = Set.copyOf(outboundPrefixes);
        Objects.requireNonNull(callerId, "callerId");
        inboundSources = Set.copyOf(inboundSources);
    }

    /** A trunk for every external number, registering for {@link #DEFAULT_REGISTER_EXPIRY}. */
    public Trunk(String tenantId, String name, String host, int port, TrunkTransport transport,
            Optional<TrunkAuth> auth, boolean register) {
        this(tenantId, name, host, port, transport, auth, register, DEFAULT_REGISTER_EXPIRY, Set.of(), Optional.empty(),
                Set.of());
    }
}
