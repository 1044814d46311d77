package io.ramal.api.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Principal;
import io.ramal.store.IdempotencyKeys;
import io.ramal.store.IdempotencyRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} on every API mutation ({@code POST}, {@code PUT}, {@code PATCH},
 * {@code DELETE}) of an authenticated caller: the first request with a key is carried out and its
 * answer kept for a day; a repeat with the same key and the same request gets that answer again,
 * marked {@code Idempotent-Replayed: true}, without acting twice — a double click dials once. A
 * repeat that arrives while the first is still being handled waits for its answer (up to
 * {@code wait}, then {@code 409 idempotency_key_in_use}); the same key with a different request
 * is {@code 422 idempotency_key_reused}. Keys belong to one caller of one tenant. Answers of 5xx
 * are not kept, so a retry after a server failure runs again.
 */
public final class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 255;

    private static final Logger log = LoggerFactory.getLogger(Idempotency.class);
    private static final String CLAIM = "ramal.idempotency.claim";
    private static final Set<String> MUTATIONS = Set.of("POST", "PUT", "PATCH", "DELETE");
    /**
     * Uploads whose bodies are streamed rather than buffered (they may be megabytes): not keyed,
     * as a {@code PUT} of the whole resource is idempotent by itself.
     */
    private static final Set<String> STREAMED_UPLOADS = Set.of("PUT /api/v1/music-on-hold");
    private static final Duration POLL = Duration.ofMillis(25);

    private record Claim(String tenantId, String owner, String key) {}

    private final IdempotencyKeys keys;
    private final BearerAuthentication authentication;
    private final InstantSource clock;
    private final Duration lifetime;
    private final Duration wait;

    public Idempotency(IdempotencyKeys keys, BearerAuthentication authentication, InstantSource clock,
            Duration lifetime, Duration wait) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.wait = Objects.requireNonNull(wait, "wait");
    }

    /** A day of memory, and up to ten seconds of waiting for a request still in flight. */
    public static Idempotency standard(IdempotencyKeys keys, BearerAuthentication authentication, InstantSource clock) {
        return new Idempotency(keys, authentication, clock, Duration.ofDays(1), Duration.ofSeconds(10));
    }

    public void addTo(RoutesConfig routes) {
        routes.beforeMatched("/api/v1/*", this::before);
        routes.afterMatched("/api/v1/*", this::after);
    }

    /** Deletes keys older than their lifetime; returns how many. */
    public int purgeExpired(Instant now) {
        return keys.purgeExpired(now);
    }

    private void before(Context ctx) throws InterruptedException {
        String key = ctx.header(HEADER);
        if (key == null || !MUTATIONS.contains(ctx.method().name())
                || STREAMED_UPLOADS.contains(ctx.method().name() + " " + ctx.path())) {
            return;
        }
        if (BearerAuthentication.credential(ctx).isEmpty()) {
            return; // token requests and the like: nothing to scope the key to
        }
        requireWellFormed(key);
        Principal caller = authentication.require(ctx);
        String owner = caller.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + caller.userId();
        String fingerprint = fingerprint(ctx);
        long deadline = System.nanoTime() + wait.toNanos(); // real waiting, whatever the clock says
        while (true) {
            Instant now = clock.instant();
            if (keys.claim(caller.tenantId(), owner, key, fingerprint, now, now.plus(lifetime))) {
                ctx.attribute(CLAIM, new Claim(caller.tenantId(), owner, key));
                return;
            }
            Optional<IdempotencyRecord> known = keys.find(caller.tenantId(), owner, key);
            if (known.isPresent() && !known.get().fingerprint().equals(fingerprint)) {
                throw new ApiException(422, "idempotency_key_reused",
                        "this Idempotency-Key was used for a different request; use a new key for a new request");
            }
            if (known.flatMap(IdempotencyRecord::answer).isPresent()) {
                replay(ctx, known.get().answer().get());
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ApiException(409, "idempotency_key_in_use",
                        "a request with this Idempotency-Key is still being handled; retry later");
            }
            Thread.sleep(POLL);
        }
    }

    private void after(Context ctx) {
        Claim claim = ctx.attribute(CLAIM);
        if (claim == null) {
            return;
        }
        ctx.attribute(CLAIM, null);
        try {
            int status = ctx.statusCode();
            if (status >= 500) {
                keys.release(claim.tenantId(), claim.owner(), claim.key());
                return;
            }
            String body = Objects.requireNonNullElse(ctx.result(), "");
            String contentType = Objects.requireNonNullElse(ctx.res().getContentType(), "");
            keys.complete(claim.tenantId(), claim.owner(), claim.key(), new IdempotencyRecord.Answer(status,
                    contentType, body, Optional.ofNullable(ctx.res().getHeader("Location"))));
        } catch (RuntimeException e) {
            log.warn("event=idempotency_not_kept tenant={} error={}", claim.tenantId(), e.toString());
        }
    }

    private static void replay(Context ctx, IdempotencyRecord.Answer answer) {
        ctx.status(answer.status());
        if (!answer.contentType().isEmpty()) {
            ctx.contentType(answer.contentType());
        }
        answer.location().ifPresent(location -> ctx.header("Location", location));
        ctx.header(REPLAYED, "true");
        ctx.result(answer.body());
        ctx.skipRemainingHandlers();
    }

    private static void requireWellFormed(String key) {
        boolean printable = key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !printable) {
            throw new ApiException(400, "invalid_idempotency_key",
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters, such as a UUID");
        }
    }

    /** The request the key stands for: method, path and body. */
    private static String fingerprint(Context ctx) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((ctx.method().name() + " " + ctx.path() + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(ctx.bodyAsBytes());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
