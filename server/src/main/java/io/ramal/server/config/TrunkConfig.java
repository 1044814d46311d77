package io.ramal.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A SIP trunk of a tenant: the peer that carries calls to and from outside numbers.
 *
 * @param register whether Ramal registers to the peer with {@code username}/{@code password}
 * @param realm    digest realm to answer challenges for; empty accepts the realm the peer sends
 */
public record TrunkConfig(
        String name,
        String host,
        int port,
        SipTransport transport,
        Optional<String> username,
        Optional<String> password,
        boolean register,
        Optional<String> realm) {

    public TrunkConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(realm, "realm");
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
    }

    @Override
    public String toString() {
        return "TrunkConfig[name=" + name + ", host=" + host + ", port=" + port + ", transport=" + transport
                + ", username=" + username.orElse("-") + ", password=" + (password.isPresent() ? "***" : "-")
                + ", register=" + register + ", realm=" + realm.orElse("-") + "]";
    }
}
