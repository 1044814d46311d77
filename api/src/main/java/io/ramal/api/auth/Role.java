package io.ramal.api.auth;

/** What a user may do in its tenant. */
public enum Role {
    ADMIN,
    SUPERVISOR,
    AGENT,
    INTEGRATION
}
