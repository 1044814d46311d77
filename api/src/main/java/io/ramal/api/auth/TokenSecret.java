package io.ramal.api.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that signs access tokens (HMAC-SHA256), at least {@value #MIN_BYTES} bytes. Give it in
 * the configuration (base64) when several nodes must accept each other's tokens; otherwise
 * {@link #loadOrCreate} keeps a generated one in a file that only its owner may read. Replacing it
 * invalidates every access token issued so far (refresh tokens stay valid). Never printed.
 */
public final class TokenSecret {

    public static final int MIN_BYTES = 32;

    private final byte[] key;

    private TokenSecret(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("a token secret needs at least " + MIN_BYTES + " bytes, got " + key.length);
        }
        this.key = key.clone();
    }

    public static TokenSecret of(byte[] key) {
        return new TokenSecret(Objects.requireNonNull(key, "key"));
    }

    /** From standard or URL-safe base64 text, as written in a config file. */
    public static TokenSecret fromBase64(String text) {
        String trimmed = Objects.requireNonNull(text, "text").strip();
        try {
            return new TokenSecret(Base64.getDecoder().decode(trimmed));
        } catch (IllegalArgumentException notStandard) {
            try {
                return new TokenSecret(Base64.getUrlDecoder().decode(trimmed));
            } catch (IllegalArgumentException notUrlSafe) {
                throw new IllegalArgumentException("the token secret is not base64", null);
            }
        }
    }

    public static TokenSecret generate(SecureRandom random) {
        byte[] key = new byte[MIN_BYTES];
        random.nextBytes(key);
        return new TokenSecret(key);
    }

    /**
     * The secret kept in {@code file} (base64, one line), created with owner-only permissions on
     * first use. Two processes racing to create it end up with the same secret.
     */
    public static TokenSecret loadOrCreate(Path file, SecureRandom random) {
        try {
            if (Files.exists(file)) {
                return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
            }
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            TokenSecret created = generate(random);
            Path staging = Files.createTempFile(directory, ".token-secret-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(staging, created.base64() + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.createLink(file, staging); // atomic, and fails if the file exists
                } catch (FileAlreadyExistsException e) {
                    // another process created it first: use theirs
                } catch (UnsupportedOperationException e) {
                    Files.move(staging, file);
                }
            } finally {
                Files.deleteIfExists(staging);
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token secret file " + file, e);
        }
    }

    byte[] bytes() {
        return key.clone();
    }

    /**
     * A key for another purpose derived from this secret ({@code HMAC-SHA256(secret, purpose)}), so
     * nodes that share the token secret share it too, and replacing the secret replaces it.
     */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(Objects.requireNonNull(purpose, "purpose").getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private String base64() {
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenSecret that && MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "TokenSecret[***]";
    }
}
