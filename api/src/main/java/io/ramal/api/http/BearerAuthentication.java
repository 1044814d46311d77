package io.ramal.api.http;

import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.BearerVerifier;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves the caller of a request from {@code Authorization: Bearer <access token or API key>}.
 * Without a credential: {@code 401 unauthorized}; with a refused one: 401 and the verifier's code
 * ({@code token_expired}, {@code invalid_token}, {@code key_revoked}). The principal is kept on the
 * request, so asking twice verifies once.
 */
public final class BearerAuthentication {

    private static final String ATTRIBUTE = "ramal.principal";

    private final BearerVerifier verifier;
    private final InstantSource clock;

    public BearerAuthentication(BearerVerifier verifier, InstantSource clock) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The verified caller; throws the 401 {@link ApiException} otherwise. */
    /** The caller, who must also hold {@code permission} (403 {@code forbidden} otherwise). */
    public Principal require(Context ctx, Permission permission) {
        Principal principal = require(ctx);
        Access.require(principal, permission);
        return principal;
    }

    public Principal require(Context ctx) {
        Principal known = ctx.attribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        String credential = credential(ctx).orElseThrow(() -> new ApiException(401, "unauthorized",
                "send Authorization: Bearer <access token or API key>"));
        return switch (verifier.verify(credential, clock.instant())) {
            case BearerVerifier.Verification.Valid valid -> {
                ctx.attribute(ATTRIBUTE, valid.principal());
                yield valid.principal();
            }
            case BearerVerifier.Verification.Rejected rejected ->
                    throw new ApiException(401, rejected.code(), rejected.message());
        };
    }

    /** The credential of an {@code Authorization: Bearer} header (scheme case-insensitive), if any. */
    public static Optional<String> credential(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        String trimmed = header.strip();
        if (trimmed.length() <= 7 || !trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return Optional.empty();
        }
        return Optional.of(trimmed.substring(7).strip()).filter(token -> !token.isEmpty());
    }
}
