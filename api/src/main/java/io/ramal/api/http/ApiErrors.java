package io.ramal.api.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import java.time.Duration;

/**
 * Answers every {@link ApiException} a handler throws as its status and {@code {"code","message"}}
 * body. A 401 carries {@code WWW-Authenticate: Bearer} (RFC 6750 §3), with
 * {@code error="invalid_token"} when a presented credential was refused.
 */
public final class ApiErrors {

    public static final String REALM = "ramal";

    private ApiErrors() {}

    /** Installs the mapping; call once per Javalin instance, before it starts. */
    public static void install(RoutesConfig routes) {
        routes.exception(ApiException.class, ApiErrors::answer);
    }

    static void answer(ApiException e, Context ctx) {
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", challenge(e.code()));
        }
        Json.write(ctx, e.status(), e.body());
    }

    /** The {@code WWW-Authenticate} value for a 401 with this code. */
    static String challenge(String code) {
        return switch (code) {
            case "invalid_token", "token_expired", "key_revoked", "tenant_disabled" ->
                    "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"";
            default -> "Bearer realm=\"" + REALM + "\"";
        };
    }

    /** Sets {@code Retry-After} (whole seconds, at least 1) and returns the 429 to throw. */
    public static ApiException tooManyRequests(Context ctx, String code, String message, Duration retryAfter) {
        ctx.header("Retry-After", Long.toString(retryAfterSeconds(retryAfter)));
        return new ApiException(429, code, message);
    }

    public static long retryAfterSeconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
