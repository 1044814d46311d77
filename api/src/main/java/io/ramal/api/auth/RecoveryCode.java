package io.ramal.api.auth;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One-time codes that stand in for a TOTP code when the authenticator is lost: 80 random bits,
 * shown as {@code xxxx-xxxx-xxxx-xxxx} in lower-case base32. Stored as SHA-256 of user id and code.
 */
public final class RecoveryCode {

    /** How many codes a user gets when enrolling. */
    public static final int COUNT = 10;

    private static final int BYTES = 10;
    private static final int LENGTH = 16;

    private RecoveryCode() {}

    /** {@link #COUNT} new codes, formatted for people. */
    public static List<String> generate(SecureRandom random) {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            String raw = Secrets.randomBase32(random, BYTES);
            codes.add(raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8, 12) + "-"
                    + raw.substring(12, 16));
        }
        return List.copyOf(codes);
    }

    /** The code as typed, reduced to its 16 characters, if it looks like a recovery code at all. */
    public static Optional<String> normalize(String typed) {
        String compact = typed.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (compact.length() != LENGTH || !compact.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
            return Optional.empty();
        }
        return Optional.of(compact);
    }

    /** The stored digest of a normalized code. */
    public static String digest(String userId, String normalized) {
        return Secrets.sha256Hex(userId + ":" + normalized);
    }
}
