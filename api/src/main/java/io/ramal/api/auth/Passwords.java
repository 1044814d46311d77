package io.ramal.api.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * bcrypt password hashing. New hashes use the configured cost; existing hashes are checked at the
 * cost they were made with. {@link #burn} spends the same time as a real check, so that a login
 * for an unknown user takes as long as one for a known user with a wrong password.
 */
public final class Passwords {

    /** Shortest password accepted for new users. */
    public static final int MIN_LENGTH = 8;
    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
    public static final int MAX_BYTES = 72;

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
    private static final LongPasswordStrategy LONG = LongPasswordStrategies.truncate(VERSION);

    private final int cost;
    private final BCrypt.Hasher hasher;
    private final String decoy;

    public Passwords(int cost, SecureRandom random) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be between 4 and 31: " + cost);
        }
        this.cost = cost;
        this.hasher = BCrypt.with(VERSION, Objects.requireNonNull(random, "random"), LONG);
        this.decoy = hash(Secrets.randomToken(random, 16));
    }

    public int cost() {
        return cost;
    }

    /** Why this password may not be set, if it may not. */
    public static Optional<String> problem(String password) {
        if (password.length() < MIN_LENGTH) {
            return Optional.of("the password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("the password must not exceed " + MAX_BYTES + " bytes in UTF-8");
        }
        return Optional.empty();
    }

    public String hash(String password) {
        return hasher.hashToString(cost, password.toCharArray());
    }

    /** Whether {@code password} matches {@code hash}; false for a malformed hash. */
    public boolean matches(String password, String hash) {
        BCrypt.Result result = BCrypt.verifyer(VERSION, LONG).verify(password.toCharArray(), hash);
        return result.validFormat && result.verified;
    }

    /** Checks the password against a throw-away hash of the configured cost, and forgets the answer. */
    public void burn(String password) {
        matches(password, decoy);
    }
}
