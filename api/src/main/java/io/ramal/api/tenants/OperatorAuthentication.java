package io.ramal.api.tenants;

import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.BearerVerifier;
import io.ramal.api.auth.SourceThrottle;
import io.ramal.api.http.ApiErrors;
import io.ramal.api.http.BearerAuthentication;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the server operator of a request from {@code Authorization: Bearer <operator key>}: the
 * key's SHA-256 must equal one the config lists (compared in constant time). Operators live outside
 * every tenant; a tenant's valid token or API key gets {@code 403 forbidden} here, and an operator
 * key is worth nothing on a tenant's routes (it is neither token nor API key there).
 *
 * <p>Wrong keys are rate-limited per client address: an address that failed too often is refused
 * ({@code 429 too_many_requests}, {@code Retry-After}) before its key is even looked at. No
 * operator configured: every request is 401.
 */
public final class OperatorAuthentication {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorAuthentication.class);

    private final List<OperatorKey> keys;
    private final BearerVerifier tenantCredentials;
    private final SourceThrottle throttle;
    private final InstantSource clock;

    public OperatorAuthentication(List<OperatorKey> keys, BearerVerifier tenantCredentials, SourceThrottle throttle,
            InstantSource clock) {
        this.keys = List.copyOf(keys);
        this.tenantCredentials = Objects.requireNonNull(tenantCredentials, "tenantCredentials");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The operator calling; throws the 401, 403 or 429 {@link ApiException} otherwise. */
    public Operator require(Context ctx) {
        String credential = BearerAuthentication.credential(ctx).orElseThrow(() -> new ApiException(401,
                "unauthorized", "send Authorization: Bearer <operator key>"));
        Instant now = clock.instant();
        Optional<Duration> wait = throttle.waitFor(ctx.ip(), now);
        if (wait.isPresent()) {
            throw ApiErrors.tooManyRequests(ctx, "too_many_requests", "too many wrong keys from this address",
                    wait.get());
        }
        byte[] digest = sha256(credential);
        for (OperatorKey key : keys) {
            if (MessageDigest.isEqual(digest, HexFormat.of().parseHex(key.sha256()))) {
                return new Operator(key.name());
            }
        }
        if (tenantCredentials.verify(credential, now) instanceof BearerVerifier.Verification.Valid) {
            throw new ApiException(403, "forbidden", "only a server operator may administer tenants");
        }
        throttle.acquire(ctx.ip(), now);
        LOG.atInfo().addKeyValue("source", ctx.ip()).log("operator key refused");
        throw new ApiException(401, "invalid_token", "unknown operator key");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
