package io.ramal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets the server must be able to read back (a trunk's password, which answers the
 * provider's digest challenges) before they are stored: AES-256-GCM under the server's secrets
 * key, a fresh 96-bit nonce per seal, and the row the secret belongs to as associated data, so a
 * sealed value copied into another row does not open. The sealed text is
 * {@code v1.<base64url(nonce | ciphertext | tag)>}. See {@code docs/adr/0005-trunk-passwords-sealed-at-rest.md}.
 *
 * <p>The key is 32 bytes, kept base64 in a file only its owner may read ({@link #loadOrCreate}),
 * apart from the database: a copy of the database alone does not reveal the secrets. Never printed.
 */
public final class SecretSeal {

    public static final int KEY_BYTES = 32;
    private static final String VERSION = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    private SecretSeal(byte[] key, SecureRandom random) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a secrets key has " + KEY_BYTES + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.random = Objects.requireNonNull(random, "random");
    }

    public static SecretSeal of(byte[] key, SecureRandom random) {
        return new SecretSeal(Objects.requireNonNull(key, "key"), random);
    }

    /** A seal under a new random key (tests, and a first start). */
    public static SecretSeal generate(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return new SecretSeal(key, random);
    }

    /**
     * The seal whose key is kept in {@code file} (base64, one line), created with owner-only
     * permissions on first use. Two processes racing to create it end up with the same key.
     */
    public static SecretSeal loadOrCreate(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                Path directory = file.toAbsolutePath().getParent();
                Files.createDirectories(directory);
                byte[] key = new byte[KEY_BYTES];
                random.nextBytes(key);
                Path staging = Files.createTempFile(directory, ".secrets-key-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    Files.writeString(staging, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
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
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            try {
                return new SecretSeal(Base64.getDecoder().decode(text), random);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the secrets key file " + file + " does not hold "
                        + KEY_BYTES + " bytes of base64", null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secrets key file " + file, e);
        }
    }

    /** {@code secret} sealed for the row named by {@code context}. */
    public String seal(String secret, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The secret sealed for {@code context}; empty when it was sealed under another key or for
     * another row, or was altered.
     */
    public Optional<String> open(String sealed, String context) {
        if (!sealed.startsWith(VERSION)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, NONCE_BYTES), context);
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "SecretSeal[***]";
    }
}
