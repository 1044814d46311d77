package io.ramal.api.auth;

import io.ramal.store.MfaChallenge;
import io.ramal.store.MfaChallenges;
import io.ramal.store.RecoveryCodes;
import io.ramal.store.User;
import io.ramal.store.Users;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The second step of a login for users with TOTP: a password login opens a challenge (a random
 * nonce, single use, short-lived, stored as a digest) that a code completes. A code is a TOTP
 * code, accepted once per time step, or an unused recovery code. Each challenge allows only a few
 * code attempts.
 */
final class SecondFactor {

    private static final int NONCE_BYTES = 32;

    private final Users users;
    private final RecoveryCodes recoveryCodes;
    private final MfaChallenges challenges;
    private final Totp totp;
    private final Duration challengeLifetime;
    private final int maxAttempts;
    private final SecureRandom random;

    SecondFactor(Users users, RecoveryCodes recoveryCodes, MfaChallenges challenges, Totp totp,
            Duration challengeLifetime, int maxAttempts, SecureRandom random) {
        this.users = Objects.requireNonNull(users, "users");
        this.recoveryCodes = Objects.requireNonNull(recoveryCodes, "recoveryCodes");
        this.challenges = Objects.requireNonNull(challenges, "challenges");
        this.totp = Objects.requireNonNull(totp, "totp");
        this.challengeLifetime = Objects.requireNonNull(challengeLifetime, "challengeLifetime");
        this.maxAttempts = maxAttempts;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The outcome of {@link #complete}. */
    sealed interface Completion {
        record Passed(User user, String clientId) implements Completion {}

        record Failed(String message) implements Completion {}
    }

    Duration challengeLifetime() {
        return challengeLifetime;
    }

    /** Opens a challenge for a user whose password was right; returns its nonce. */
    String challenge(User user, String clientId, Instant now) {
        challenges.purgeExpired(now);
        String nonce = Secrets.randomToken(random, NONCE_BYTES);
        challenges.insert(MfaChallenge.open(Secrets.sha256Hex(nonce), user.tenantId(), user.id(), clientId, now,
                now.plus(challengeLifetime)));
        return nonce;
    }

    /** Tries a code against the challenge of {@code nonce}; a passed challenge is used up. */
    Completion complete(String nonce, String code, Instant now) {
        String hash = Secrets.sha256Hex(nonce);
        Optional<MfaChallenge> found = challenges.find(hash);
        if (found.isEmpty() || !challenges.countAttempt(hash, now, maxAttempts)) {
            return new Completion.Failed("unknown, expired, used or exhausted MFA nonce; log in again");
        }
        MfaChallenge challenge = found.get();
        Optional<User> user = users.find(challenge.tenantId(), challenge.userId())
                .filter(u -> !u.disabled() && u.totpEnabled());
        if (user.isEmpty() || !accepts(user.get(), code, now)) {
            return new Completion.Failed("wrong code");
        }
        if (!challenges.complete(hash, now)) {
            return new Completion.Failed("the MFA nonce was already used; log in again");
        }
        return new Completion.Passed(user.get(), challenge.clientId());
    }

    /**
     * Whether {@code code} is a TOTP code of the user's secret not accepted before, or one of
     * their unused recovery codes; either is then spent.
     */
    boolean accepts(User user, String code, Instant now) {
        Optional<String> secret = user.totpSecret();
        if (secret.isEmpty()) {
            return false;
        }
        String typed = code.strip();
        OptionalLong step = totp.match(secret.get(), typed, now);
        if (step.isPresent()) {
            return users.acceptTotpStep(user.id(), step.getAsLong());
        }
        return RecoveryCode.normalize(typed)
                .map(normalized -> recoveryCodes.use(user.id(), RecoveryCode.digest(user.id(), normalized), now))
                .orElse(false);
    }
}
