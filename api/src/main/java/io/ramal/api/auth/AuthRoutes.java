package io.ramal.api.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.http.Access;
import io.ramal.api.http.ApiErrors;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.api.http.RequestFields;
import io.ramal.store.RecoveryCodes;
import io.ramal.store.User;
import io.ramal.store.Users;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The authentication endpoints:
 * <ul>
 *   <li>{@code POST /api/v1/auth/token} — grants {@code password}, {@code refresh_token} and
 *       {@code mfa}, JSON or form-encoded; errors here carry both {@code error} (as OAuth clients
 *       expect) and {@code code};
 *   <li>{@code POST /api/v1/auth/revoke} — ends the session of a refresh token;
 *   <li>{@code GET /api/v1/auth/mfa}, {@code POST /api/v1/auth/mfa/totp},
 *       {@code POST /api/v1/auth/mfa/totp/confirm}, {@code POST /api/v1/auth/mfa/totp/disable} —
 *       the logged-in user's second factor.
 * </ul>
 */
public final class AuthRoutes {

    public static final String TOKEN = "/api/v1/auth/token";
    public static final String REVOKE = "/api/v1/auth/revoke";
    public static final String MFA = "/api/v1/auth/mfa";
    public static final String TOTP = "/api/v1/auth/mfa/totp";
    public static final String TOTP_CONFIRM = "/api/v1/auth/mfa/totp/confirm";
    public static final String TOTP_DISABLE = "/api/v1/auth/mfa/totp/disable";

    /** The client id of a grant that names none. */
    public static final String DEFAULT_CLIENT = "default";
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final TokenGrants grants;
    private final TotpEnrollment enrollment;
    private final Users users;
    private final RecoveryCodes recoveryCodes;
    private final BearerAuthentication authentication;
    private final SourceThrottle throttle;
    private final InstantSource clock;

    AuthRoutes(TokenGrants grants, TotpEnrollment enrollment, Users users, RecoveryCodes recoveryCodes,
            BearerAuthentication authentication, SourceThrottle throttle, InstantSource clock) {
        this.grants = Objects.requireNonNull(grants, "grants");
        this.enrollment = Objects.requireNonNull(enrollment, "enrollment");
        this.users = Objects.requireNonNull(users, "users");
        this.recoveryCodes = Objects.requireNonNull(recoveryCodes, "recoveryCodes");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void addTo(RoutesConfig routes) {
        routes.post(TOKEN, this::token);
        routes.post(REVOKE, this::revoke);
        routes.get(MFA, this::mfaStatus);
        routes.post(TOTP, this::beginTotp);
        routes.post(TOTP_CONFIRM, this::confirmTotp);
        routes.post(TOTP_DISABLE, this::disableTotp);
    }

    private void token(Context ctx) {
        noStore(ctx);
        try {
            RequestFields fields = RequestFields.of(ctx);
            String grantType = fields.required("grant_type");
            Instant now = clock.instant();
            GrantOutcome outcome = switch (grantType) {
                case "password" -> grants.password(
                        LoginName.parse(fields.required("username"), fields.optional("tenant")),
                        fields.required("password"), clientId(fields).orElse(DEFAULT_CLIENT), ctx.ip(), now);
                case "refresh_token" -> grants.refresh(fields.required("refresh_token"), clientId(fields), now);
                case "mfa" -> grants.mfa(fields.required("nonce"),
                        fields.optional("code").or(() -> fields.optional("recovery_code"))
                                .orElseThrow(() -> JsonFields.invalid("code is required")),
                        ctx.ip(), now);
                default -> throw new ApiException(400, "unsupported_grant_type",
                        "grant_type must be password, refresh_token or mfa");
            };
            answer(ctx, outcome);
        } catch (ApiException e) {
            oauthError(ctx, e.status(), e.code(), e.getMessage());
        }
    }

    private void revoke(Context ctx) {
        noStore(ctx);
        try {
            RequestFields fields = RequestFields.of(ctx);
            String token = fields.optional("token").or(() -> fields.optional("refresh_token"))
                    .orElseThrow(() -> JsonFields.invalid("token is required"));
            grants.revoke(token, clock.instant());
            Json.write(ctx, 200, Json.object());
        } catch (ApiException e) {
            oauthError(ctx, e.status(), e.code(), e.getMessage());
        }
    }

    private void mfaStatus(Context ctx) {
        User user = currentUser(ctx);
        ObjectNode body = Json.object()
                .put("totp_enabled", user.totpEnabled())
                .put("totp_pending", !user.totpEnabled() && user.totpSecret().isPresent())
                .put("recovery_codes_remaining", user.totpEnabled() ? recoveryCodes.remaining(user.id()) : 0);
        Json.write(ctx, 200, body);
    }

    private void beginTotp(Context ctx) {
        User user = currentUser(ctx);
        noStore(ctx);
        switch (enrollment.begin(user, clock.instant())) {
            case TotpEnrollment.Outcome.Begun begun -> Json.write(ctx, 200, Json.object()
                    .put("secret", begun.started().secret())
                    .put("otpauth_uri", begun.started().uri())
                    .put("algorithm", "SHA1")
                    .put("digits", Totp.DIGITS)
                    .put("period", Totp.STEP.toSeconds()));
            case TotpEnrollment.Outcome other -> fail(other);
        }
    }

    private void confirmTotp(Context ctx) {
        User user = currentUser(ctx);
        String code = JsonFields.requiredText(Json.readObject(ctx), "code");
        Instant now = throttled(ctx);
        noStore(ctx);
        switch (enrollment.confirm(user, code, now)) {
            case TotpEnrollment.Outcome.Confirmed confirmed -> {
                ObjectNode body = Json.object();
                confirmed.recoveryCodes().forEach(body.putArray("recovery_codes")::add);
                Json.write(ctx, 200, body);
            }
            case TotpEnrollment.Outcome other -> fail(other);
        }
    }

    private void disableTotp(Context ctx) {
        User user = currentUser(ctx);
        String code = JsonFields.requiredText(Json.readObject(ctx), "code");
        Instant now = throttled(ctx);
        switch (enrollment.disable(user, code, now)) {
            case TotpEnrollment.Outcome.Disabled disabled -> ctx.status(204);
            case TotpEnrollment.Outcome other -> fail(other);
        }
    }

    private User currentUser(Context ctx) {
        Principal principal = authentication.require(ctx);
        Access.requireUserToken(principal);
        return users.find(principal.tenantId(), principal.userId())
                .orElseThrow(() -> new ApiException(401, "invalid_token", "the token's user no longer exists"));
    }

    private Instant throttled(Context ctx) {
        Instant now = clock.instant();
        Optional<Duration> wait = throttle.acquire(ctx.ip(), now);
        if (wait.isPresent()) {
            throw ApiErrors.tooManyRequests(ctx, "too_many_requests", "too many code checks from this address",
                    wait.get());
        }
        return now;
    }

    private static void fail(TotpEnrollment.Outcome outcome) {
        throw switch (outcome) {
            case TotpEnrollment.Outcome.Conflict conflict -> new ApiException(409, conflict.code(), conflict.message());
            case TotpEnrollment.Outcome.WrongCode wrong -> new ApiException(400, "invalid_code", "wrong code");
            default -> new IllegalStateException("not a failure: " + outcome);
        };
    }

    private static Optional<String> clientId(RequestFields fields) {
        Optional<String> clientId = fields.optional("client_id");
        if (clientId.isPresent() && !CLIENT_ID.matcher(clientId.get()).matches()) {
            throw JsonFields.invalid("client_id must be 1 to 64 of A-Z a-z 0-9 . _ : -");
        }
        return clientId;
    }

    private static void answer(Context ctx, GrantOutcome outcome) {
        switch (outcome) {
            case GrantOutcome.Issued issued -> Json.write(ctx, 200, issued.tokens());
            case GrantOutcome.MfaRequired mfa -> {
                ctx.header("WWW-Authenticate", "Bearer realm=\"" + ApiErrors.REALM + "\"");
                Json.write(ctx, 401, Json.object()
                        .put("error", "mfa_required")
                        .put("code", "mfa_required")
                        .put("message", "enter the code of your authenticator app (or a recovery code)")
                        .put("nonce", mfa.nonce())
                        .put("expires_in", mfa.expiresIn().toSeconds()));
            }
            case GrantOutcome.Refused refused -> {
                refused.retryAfter().ifPresent(wait ->
                        ctx.header("Retry-After", Long.toString(ApiErrors.retryAfterSeconds(wait))));
                oauthError(ctx, refused.status(), refused.code(), refused.message());
            }
        }
    }

    private static void oauthError(Context ctx, int status, String code, String message) {
        Json.write(ctx, status, Json.object().put("error", code).put("code", code).put("message", message));
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }
}
