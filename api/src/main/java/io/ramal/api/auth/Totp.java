package io.ramal.api.auth;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords as authenticator apps make them: HMAC-SHA1, 6 digits,
 * 30-second steps. A code is accepted for the current step and one step either side (clock drift).
 * Secrets are 160 random bits, exchanged in base32.
 */
public final class Totp {

    public static final Duration STEP = Duration.ofSeconds(30);
    public static final int DIGITS = 6;
    /** Steps accepted either side of the current one. */
    public static final int DRIFT_STEPS = 1;

    private static final int SECRET_BYTES = 20;

    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(
            STEP, DIGITS, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);

    /** A new secret, base32. */
    public static String newSecret(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base32.encode(secret);
    }

    /** The step number {@code now} falls in (seconds since the epoch / 30). */
    public static long stepOf(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), STEP.toSeconds());
    }

    /** The code of one step, zero-padded to {@value #DIGITS} digits. */
    public String code(String base32Secret, long step) {
        Key key = new SecretKeySpec(Base32.decode(base32Secret), "HmacSHA1");
        try {
            return String.format(Locale.ROOT, "%0" + DIGITS + "d",
                    generator.generateOneTimePassword(key, Instant.ofEpochSecond(step * STEP.toSeconds())));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA1 refused a raw key", e);
        }
    }

    /** The step within the drift window around {@code now} whose code is {@code code}, if any. */
    public OptionalLong match(String base32Secret, String code, Instant now) {
        if (code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long current = stepOf(now);
        OptionalLong found = OptionalLong.empty();
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            boolean same = MessageDigest.isEqual(code(base32Secret, step).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII));
            if (same && found.isEmpty()) {
                found = OptionalLong.of(step);
            }
        }
        return found;
    }

    /**
     * The {@code otpauth://totp/} URI authenticator apps read (usually from a QR code), labelled
     * {@code issuer:account}.
     */
    public static String uri(String issuer, String account, String base32Secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.toSeconds();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
