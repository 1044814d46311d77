package io.ramal.api.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How a token grant ended: tokens, a demand for the second factor, or a refusal. */
public sealed interface GrantOutcome {

    record Issued(TokenResponse tokens) implements GrantOutcome {
        public Issued {
            Objects.requireNonNull(tokens, "tokens");
        }
    }

    /** The password was right; complete with {@code grant_type=mfa} and this single-use nonce. */
    record MfaRequired(String nonce, Duration expiresIn) implements GrantOutcome {
        public MfaRequired {
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(expiresIn, "expiresIn");
        }

        @Override
        public String toString() {
            return "MfaRequired[nonce=***, expiresIn=" + expiresIn + "]";
        }
    }

    /**
     * Refused with an HTTP status and a stable code: {@code invalid_grant} (400),
     * {@code account_locked} or {@code too_many_requests} (429, with {@code retryAfter}).
     */
    record Refused(int status, String code, String message, Optional<Duration> retryAfter) implements GrantOutcome {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        static Refused invalidGrant(String message) {
            return new Refused(400, "invalid_grant", message, Optional.empty());
        }

        static Refused locked(Duration retryAfter) {
            return new Refused(429, "account_locked",
                    "too many failed logins; try again in " + retryAfter.toSeconds() + " s", Optional.of(retryAfter));
        }

        static Refused throttled(Duration retryAfter) {
            return new Refused(429, "too_many_requests", "too many credential checks from this address",
                    Optional.of(retryAfter));
        }
    }
}
