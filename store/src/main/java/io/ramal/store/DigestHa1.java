package io.ramal.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The digest-authentication secret of one SIP user in one realm: HA1 = H(user ":" realm ":"
 * password) as lower-case hex, for MD5 (RFC 2617) and SHA-256 (RFC 7616). A registrar can check
 * a client's response with HA1 alone, so the password itself is never kept.
 */
public record DigestHa1(String md5, String sha256) {

    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public DigestHa1 {
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(sha256, "sha256");
        if (!MD5_HEX.matcher(md5).matches()) {
            throw new IllegalArgumentException("md5 HA1 must be 32 lower-case hex digits");
        }
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 HA1 must be 64 lower-case hex digits");
        }
    }

    /** Both HA1 values of {@code user:realm:password}, hashed as UTF-8. */
    public static DigestHa1 of(String user, String realm, String password) {
        return new DigestHa1(hex("MD5", user, realm, password), hex("SHA-256", user, realm, password));
    }

    private static String hex(String algorithm, String user, String realm, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(password, "password");
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            byte[] hash = digest.digest((user + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides " + algorithm, e);
        }
    }

    @Override
    public String toString() {
        return "DigestHa1[***]";
    }
}
