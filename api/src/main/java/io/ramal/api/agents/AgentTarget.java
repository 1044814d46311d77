package io.ramal.api.agents;

import io.ramal.api.ApiException;
import io.ramal.api.auth.Principal;
import io.ramal.api.auth.Role;
import io.ramal.store.User;
import io.ramal.store.Users;
import java.util.Optional;

/**
 * Who {@code {agent}} in a path names ({@code me}, a user id or a username of the caller's tenant),
 * and whether the caller may act on it: agents act on themselves only; supervisors, admins,
 * integrations and API keys on anyone of their tenant.
 */
public final class AgentTarget {
    public static final String ME = "me";

    private AgentTarget() {}

    /** The user, or 404 {@code agent_not_found} (also for another tenant's user). */
    public static User resolve(Users users, Principal caller, String name) {
        String tenant = caller.tenantId();
        Optional<User> user = name.equals(ME) ? users.find(tenant, caller.userId())
                : users.find(tenant, name).or(() -> users.findByUsername(tenant, name));
        return user.filter(u -> !u.disabled())
                .orElseThrow(() -> new ApiException(404, "agent_not_found", "no user " + name + " in this tenant"));
    }

    /** Whether the caller may act on (and read the ledger of) any agent of its tenant. */
    public static boolean actsOnAnyone(Principal caller) {
        return caller.kind() == Principal.Kind.API_KEY
                || caller.roles().stream().anyMatch(r -> r != Role.AGENT);
    }

    /** 403 {@code forbidden} unless the caller may act on {@code target}. */
    public static void requireMayActOn(Principal caller, User target) {
        if (!actsOnAnyone(caller) && !caller.userId().equals(target.id())) {
            throw new ApiException(403, "forbidden", "an agent may act only on itself");
        }
    }
}
