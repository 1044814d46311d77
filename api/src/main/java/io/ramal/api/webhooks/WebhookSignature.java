package io.ramal.api.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature every webhook request carries, in the {@value #HEADER} header:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}, where the HMAC key is the subscription's secret
 * (its UTF-8 bytes, {@code whsec_} prefix included) and the signed bytes are
 * {@code "<t>." + body}. A request without a body (GET) signs its full URL in place of the body.
 * Receivers recompute it and compare in constant time, and refuse a {@code t} far from their clock
 * (a replayed capture). See docs/webhooks.md.
 */
public final class WebhookSignature {

    public static final String HEADER = "Ramal-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {}

    /** The header value for {@code content} signed at {@code unixSeconds}. */
    public static String sign(String secret, long unixSeconds, byte[] content) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds, content));
    }

    /**
     * Whether {@code header} is a valid signature of {@code content} by {@code secret}, made within
     * {@code toleranceSeconds} of {@code nowUnixSeconds}. Any {@code v1} entry may match (a header
     * may carry several while a secret rotates).
     */
    public static boolean verify(String secret, String header, byte[] content, long nowUnixSeconds,
            long toleranceSeconds) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(content, "content");
        if (header == null) {
            return false;
        }
        long timestamp = -1;
        boolean matched = false;
        String[] items = header.split(",");
        for (String item : items) {
            String entry = item.strip();
            if (entry.startsWith("t=")) {
                try {
                    timestamp = Long.parseLong(entry.substring(2));
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        if (timestamp < 0 || Math.abs(nowUnixSeconds - timestamp) > toleranceSeconds) {
            return false;
        }
        byte[] expected = hmac(secret, timestamp, content);
        for (String item : items) {
            String entry = item.strip();
            if (entry.startsWith("v1=")) {
                byte[] given;
                try {
                    given = HexFormat.of().parseHex(entry.substring(3));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                matched |= MessageDigest.isEqual(expected, given);
            }
        }
        return matched;
    }

    private static byte[] hmac(String secret, long unixSeconds, byte[] content) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(content);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
