package io.ramal.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A SIP connection to a provider or another PBX, used for outbound calls and, when
 * {@code register} is set, kept registered so the provider can send inbound calls.
 *
 * <p>Unlike an extension's, a trunk's password is stored as given: the PBX is the client here and
 * must compute digest responses to the provider's challenges, whose realm and algorithm it only
 * learns when they arrive, so a precomputed hash is not enough. Protect the database accordingly.
 *
 * @param auth credentials, required when {@code register} is set
 */
public record Trunk(
        String tenantId, String name, String host, int port, TrunkTransport transport,
        Optional<TrunkAuth> auth, boolean register) {

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
    }
}
