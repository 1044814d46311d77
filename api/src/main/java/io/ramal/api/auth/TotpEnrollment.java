package io.ramal.api.auth;

import io.ramal.store.RecoveryCodes;
import io.ramal.store.User;
import io.ramal.store.Users;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turning TOTP on and off for a user: {@link #begin} stores a pending secret and returns it with
 * its {@code otpauth://} URI; {@link #confirm} with a code from the app enables it and returns
 * fresh recovery codes (shown once); {@link #disable} with a code (or recovery code) turns it off.
 */
public final class TotpEnrollment {

    /** A pending secret, to show the user once. */
    public record Started(String secret, String uri) {
        public Started {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public String toString() {
            return "Started[***]";
        }
    }

    /** The outcome of {@link #begin}, {@link #confirm} and {@link #disable}. */
    public sealed interface Outcome {
        record Begun(Started started) implements Outcome {}

        /** TOTP is on; the recovery codes are shown this once. */
        record Confirmed(List<String> recoveryCodes) implements Outcome {
            public Confirmed {
                recoveryCodes = List.copyOf(recoveryCodes);
            }

            @Override
            public String toString() {
                return "Confirmed[" + recoveryCodes.size() + " recovery codes]";
            }
        }

        record Disabled() implements Outcome {}

        /**
         * Not possible in the user's state ({@code mfa_already_enabled}, {@code mfa_not_pending},
         * {@code mfa_not_enabled}).
         */
        record Conflict(String code, String message) implements Outcome {}

        record WrongCode() implements Outcome {}
    }

    private final Users users;
    private final RecoveryCodes recoveryCodes;
    private final SecondFactor secondFactor;
    private final Totp totp;
    private final String issuer;
    private final SecureRandom random;

    TotpEnrollment(Users users, RecoveryCodes recoveryCodes, SecondFactor secondFactor, Totp totp, String issuer,
            SecureRandom random) {
        this.users = Objects.requireNonNull(users, "users");
        this.recoveryCodes = Objects.requireNonNull(recoveryCodes, "recoveryCodes");
        this.secondFactor = Objects.requireNonNull(secondFactor, "secondFactor");
        this.totp = Objects.requireNonNull(totp, "totp");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Stores a new pending secret (replacing a pending one); refused while TOTP is enabled. */
    public Outcome begin(User user, Instant now) {
        if (user.totpEnabled()) {
            return new Outcome.Conflict("mfa_already_enabled", "TOTP is already enabled; disable it first");
        }
        String secret = Totp.newSecret(random);
        users.update(user.withTotp(Optional.of(secret), false, now));
        String account = user.username() + "@" + user.tenantId();
        return new Outcome.Begun(new Started(secret, Totp.uri(issuer, account, secret)));
    }

    /** Enables TOTP if {@code code} matches the pending secret. */
    public Outcome confirm(User user, String code, Instant now) {
        if (user.totpEnabled() || user.totpSecret().isEmpty()) {
            return new Outcome.Conflict("mfa_not_pending", "no TOTP enrolment is pending; start one first");
        }
        OptionalLong step = totp.match(user.totpSecret().get(), code.strip(), now);
        if (step.isEmpty() || !users.acceptTotpStep(user.id(), step.getAsLong())) {
            return new Outcome.WrongCode();
        }
        List<String> codes = RecoveryCode.generate(random);
        recoveryCodes.replace(user.id(), codes.stream()
                .map(c -> RecoveryCode.digest(user.id(), RecoveryCode.normalize(c).orElseThrow()))
                .toList());
        User fresh = users.find(user.tenantId(), user.id()).orElse(user);
        users.update(fresh.withTotp(fresh.totpSecret(), true, now));
        return new Outcome.Confirmed(codes);
    }

    /** Turns TOTP off if {@code code} is a valid TOTP or recovery code. */
    public Outcome disable(User user, String code, Instant now) {
        if (!user.totpEnabled()) {
            return new Outcome.Conflict("mfa_not_enabled", "TOTP is not enabled");
        }
        if (!secondFactor.accepts(user, code, now)) {
            return new Outcome.WrongCode();
        }
        reset(user, now);
        return new Outcome.Disabled();
    }

    /** Removes the user's TOTP secret and recovery codes without a code (an administrator's reset). */
    public void reset(User user, Instant now) {
        users.update(user.withTotp(Optional.empty(), false, now));
        recoveryCodes.deleteAll(user.id());
    }
}
