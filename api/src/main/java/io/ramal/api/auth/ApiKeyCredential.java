package io.ramal.api.auth;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an API key: {@code rml_<id>_<secret>}, where {@code id} (16 characters) names the
 * stored key and {@code secret} (48 characters, 240 random bits) proves possession; both are
 * lower-case base32. Only the SHA-256 of the secret is stored. {@link #toString()} hides the secret.
 */
public record ApiKeyCredential(String id, String secret) {

    public static final String PREFIX = "rml_";

    private static final Pattern FORMAT = Pattern.compile("rml_([a-z2-7]{16})_([a-z2-7]{48})");

    public ApiKeyCredential {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
    }

    /** A new random key. */
    public static ApiKeyCredential generate(SecureRandom random) {
        return new ApiKeyCredential(Secrets.randomBase32(random, 10), Secrets.randomBase32(random, 30));
    }

    /** Whether the credential is meant as an API key (even a malformed one), not an access token. */
    public static boolean looksLikeApiKey(String credential) {
        return credential.startsWith(PREFIX);
    }

    public static Optional<ApiKeyCredential> parse(String text) {
        Matcher matcher = FORMAT.matcher(text);
        return matcher.matches() ? Optional.of(new ApiKeyCredential(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    /** The stored digest of the secret part. */
    public String secretDigest() {
        return Secrets.sha256Hex(secret);
    }

    /** The full key, as given to its owner once. */
    public String text() {
        return PREFIX + id + "_" + secret;
    }

    @Override
    public String toString() {
        return "ApiKeyCredential[id=" + id + ", secret=***]";
    }
}
