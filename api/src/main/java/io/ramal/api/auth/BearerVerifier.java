package io.ramal.api.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * Resolves the credential a client presents ({@code Authorization: Bearer <access token or API
 * key>}, or the token sent on a WebSocket) to a {@link Principal}. Pure lookup: no rate limiting
 * here (that belongs to the password and MFA grants), and never logs the credential.
 *
 * <p>The implementation is {@link StoreBearerVerifier} (from {@link AuthApi#verifier()}): a
 * credential starting {@code rml_} is an API key, anything else a JWT access token. A
 * principal from an access token has the user's current roles and no scopes; one from an API key
 * has the key's scopes and <em>no roles</em>, so check access with {@link Permission#allows}
 * (role or scope) rather than {@link Principal#has} alone. {@code Valid.expiresAt} is when the
 * access token expires (a WebSocket should ask for renewal before then); re-verifying also notices
 * a user disabled or deleted since.
 */
@FunctionalInterface
public interface BearerVerifier {

    Verification verify(String credential, Instant now);

    /** The outcome of a check. */
    sealed interface Verification {
        /** Accepted until {@code expiresAt} (for API keys: their expiry, or {@link Instant#MAX}). */
        record Valid(Principal principal, Instant expiresAt) implements Verification {
            public Valid {
                Objects.requireNonNull(principal, "principal");
                Objects.requireNonNull(expiresAt, "expiresAt");
            }
        }

        /** Refused; {@code code} is {@code token_expired}, {@code invalid_token} or {@code key_revoked}. */
        record Rejected(String code, String message) implements Verification {
            public Rejected {
                Objects.requireNonNull(code, "code");
                Objects.requireNonNull(message, "message");
            }
        }
    }
}
