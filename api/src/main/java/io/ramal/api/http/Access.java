package io.ramal.api.http;

import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;

/** Authorization checks of handlers: each failure is {@code 403 forbidden}. */
public final class Access {

    private Access() {}

    /** Requires one of the permission's roles (user token) or its scope (API key). */
    public static void require(Principal principal, Permission permission) {
        if (!permission.allows(principal)) {
            throw new ApiException(403, "forbidden", switch (principal.kind()) {
                case ACCESS_TOKEN -> "your roles do not allow this";
                case API_KEY -> "this API key lacks the scope " + permission.scope().wireName();
            });
        }
    }

    /** Requires a user's own access token: some actions (MFA enrolment) are not for API keys. */
    public static void requireUserToken(Principal principal) {
        if (principal.kind() != Principal.Kind.ACCESS_TOKEN) {
            throw new ApiException(403, "forbidden", "only a user's access token may do this, not an API key");
        }
    }
}
