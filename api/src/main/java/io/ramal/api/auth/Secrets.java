package io.ramal.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Random opaque secrets (refresh tokens, MFA nonces, API key parts) and the digests they are
 * stored as. They carry at least 128 random bits, so a plain SHA-256 is a safe digest: there is
 * nothing to brute-force.
 */
final class Secrets {

    private Secrets() {}

    /** {@code bytes} random bytes as unpadded base64url. */
    static String randomToken(SecureRandom random, int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
    }

    /** {@code bytes} random bytes as lower-case base32 (no {@code _} or {@code -}, safe inside API keys). */
    static String randomBase32(SecureRandom random, int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return Base32.encode(data).toLowerCase(Locale.ROOT);
    }

    /** The SHA-256 of the UTF-8 text, as lower-case hex. */
    static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** Compares two digests in time independent of where they differ. */
    static boolean sameDigest(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
