package io.ramal.api.events;

import io.ramal.api.auth.Principal;
import java.util.Set;

/**
 * Who may read a tenant's event stream: every user with an access token (the roles decide what
 * they may do, not what they may watch), and API keys that carry the {@value #SCOPE} or
 * {@value #ADMIN_SCOPE} scope.
 */
final class EventAccess {

    static final String SCOPE = "events:read";
    static final String ADMIN_SCOPE = "admin";

    private EventAccess() {}

    static boolean mayRead(Principal principal) {
        return switch (principal.kind()) {
            case ACCESS_TOKEN -> true;
            case API_KEY -> !disjoint(principal.scopes(), Set.of(SCOPE, ADMIN_SCOPE));
        };
    }

    /** The key under which a user's sockets are counted: one user of one tenant. */
    static String user(Principal principal) {
        return principal.tenantId() + "\u0000" + principal.userId();
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        for (String value : b) {
            if (a.contains(value)) {
                return false;
            }
        }
        return true;
    }
}
