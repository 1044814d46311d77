package io.ramal.api.webhooks;

import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Principal;
import io.ramal.api.auth.Role;
import java.util.Set;

/**
 * Who may administer webhooks: a user whose access token carries {@link Role#ADMIN}, or an API key
 * with scope {@code webhooks:admin} or {@code admin}. The caller is the {@link Principal} that the
 * authentication layer leaves in the request attribute {@value #ATTRIBUTE}.
 */
final class AdminAccess {

    static final String ATTRIBUTE = "principal";
    private static final Set<String> SCOPES = Set.of("webhooks:admin", "admin");

    private AdminAccess() {}

    static Principal requireAdmin(Context ctx) {
        Object attribute = ctx.attribute(ATTRIBUTE);
        if (!(attribute instanceof Principal principal)) {
            throw new ApiException(401, "unauthenticated", "sign in or present an API key");
        }
        boolean allowed = switch (principal.kind()) {
            case ACCESS_TOKEN -> principal.has(Role.ADMIN);
            case API_KEY -> principal.scopes().stream().anyMatch(SCOPES::contains);
        };
        if (!allowed) {
            throw new ApiException(403, "forbidden",
                    "webhooks need the ADMIN role, or an API key with scope webhooks:admin");
        }
        return principal;
    }
}
