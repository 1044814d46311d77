package io.ramal.api.recordings;

import io.ramal.api.webhooks.DeliveryFields;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring links to one recording's audio that work without a bearer token:
 * {@code <public url>/api/v1/recordings/<id>/audio?format=wav&tenant=<tenant>&expires=<unix s>&signature=<hex>},
 * where the signature is {@code HMAC-SHA256(key, "v1\n" + tenant + "\n" + id + "\n" + format + "\n" + expires)}
 * in lower-case hex. A link opens exactly that recording in exactly that format until it expires;
 * change any part and it is refused. The key is derived from the server's token secret, so every
 * node that accepts its tokens accepts its links.
 *
 * <p>As {@link DeliveryFields}, it gives each webhook attempt of a {@code cdr.created} event fresh
 * links: a {@code url} on each of its {@code recordings} whose WAV is complete ({@code files.wav}), and
 * {@code recording_url} for the last of them (with {@code recording_url_expires_at}).
 */
public final class RecordingLinks implements DeliveryFields {

    /** The longest a link may be asked for. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(7);
    static final String CDR_CREATED = "cdr.created";

    /** Whether a link may be used. */
    public sealed interface Check {
        record Valid(String tenant, String recordingId, String format) implements Check {}

        record Expired(Instant at) implements Check {}

        record Invalid(String reason) implements Check {}
    }

    private final byte[] key;
    private final Supplier<URI> base;
    private final Duration lifetime;

    /**
     * @param base     the server's address as the receivers of links reach it (its public URL)
     * @param lifetime how long the links given to webhook attempts stay valid
     */
    public RecordingLinks(byte[] key, Supplier<URI> base, Duration lifetime) {
        if (Objects.requireNonNull(key, "key").length < 32) {
            throw new IllegalArgumentException("a link key needs at least 32 bytes");
        }
        this.key = key.clone();
        this.base = Objects.requireNonNull(base, "base");
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("link lifetime must be from 1 s to " + MAX_LIFETIME + ": " + lifetime);
        }
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** The link to the recording's audio in {@code format} ({@code wav}, {@code mp3}, {@code stereo}) until {@code expires}. */
    public URI link(String tenant, String recordingId, String format, Instant expires) {
        long seconds = expires.getEpochSecond();
        String root = base.get().toString();
        if (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return URI.create(root + RecordingRoutes.RECORDINGS + "/" + encode(recordingId) + "/audio?format="
                + encode(format) + "&tenant=" + encode(tenant) + "&expires=" + seconds + "&signature="
                + signature(tenant, recordingId, format, seconds));
    }

    /** Judges a link's parts as the download route received them (any may be missing) at {@code now}. */
    public Check check(String recordingId, Optional<String> format, Optional<String> tenant, Optional<String> expires,
            Optional<String> signature, Instant now) {
        if (format.isEmpty() || tenant.isEmpty() || expires.isEmpty() || signature.isEmpty()) {
            return new Check.Invalid("a recording link needs format, tenant, expires and signature");
        }
        long seconds;
        try {
            seconds = Long.parseLong(expires.get());
        } catch (NumberFormatException e) {
            return new Check.Invalid("expires is not a number of seconds");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.get());
        } catch (IllegalArgumentException e) {
            return new Check.Invalid("the signature is not hex");
        }
        byte[] expected = HexFormat.of().parseHex(signature(tenant.get(), recordingId, format.get(), seconds));
        if (!MessageDigest.isEqual(expected, given)) {
            return new Check.Invalid("the signature does not match this link");
        }
        Instant at = Instant.ofEpochSecond(seconds);
        if (!now.isBefore(at)) {
            return new Check.Expired(at);
        }
        return new Check.Valid(tenant.get(), recordingId, format.get());
    }

    @Override
    public Map<String, Object> enrich(String tenantId, Map<String, Object> event, Instant now) {
        if (!CDR_CREATED.equals(event.get("type")) || !(event.get("recordings") instanceof List<?> recordings)) {
            return event;
        }
        Instant expires = now.plus(lifetime);
        Map<String, Object> enriched = new LinkedHashMap<>(event);
        List<Object> linked = new ArrayList<>(recordings.size());
        String last = null;
        for (Object item : recordings) {
            if (item instanceof Map<?, ?> recording && recording.get("id") instanceof String id
                    && recording.get("files") instanceof Map<?, ?> files && files.containsKey("wav")) {
                Map<Object, Object> withUrl = new LinkedHashMap<>(recording);
                last = link(tenantId, id, "wav", expires).toString();
                withUrl.put("url", last);
                linked.add(withUrl);
            } else {
                linked.add(item);
            }
        }
        enriched.put("recordings", linked);
        enriched.put("recording_url", last);
        enriched.put("recording_url_expires_at", last == null ? null : expires.toString());
        return enriched;
    }

    private String signature(String tenant, String recordingId, String format, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String message = "v1\n" + tenant + "\n" + recordingId + "\n" + format + "\n" + expires;
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
