package io.ramal.store;

import java.util.Objects;
import java.util.Optional;

/**
 * Credentials the PBX presents to a provider. The password is kept as given (see {@link Trunk}).
 *
 * @param realm the realm to answer, when the provider's challenges must be restricted to one
 */
public record TrunkAuth(String username, String password, Optional<String> realm) {

    public TrunkAuth {
        Text.requireNonBlank(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(realm, "realm");
    }

    public TrunkAuth(String username, String password) {
        this(username, password, Optional.empty());
    }

    @Override
    public String toString() {
        return "TrunkAuth[username=" + username + ", password=***, realm=" + realm + "]";
    }
}
