package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MfaTest {

    private final AuthServer server = new AuthServer();
    private final ApiClient client = server.client;

    @AfterAll
    void stop() {
        server.close();
    }

    /** A user with TOTP enabled through the API. */
    private record Enrolled(String tenant, String secret, List<String> recoveryCodes) {}

    /** What an authenticator app shows for {@code secret} at {@code at}, computed with java-otp directly. */
    private static String appCode(String secret, Instant at) {
        TimeBasedOneTimePasswordGenerator app = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);
        try {
            return String.format(Locale.ROOT, "%06d", app.generateOneTimePassword(
                    new SecretKeySpec(Base32.decode(secret), "HmacSHA1"), at));
        } catch (InvalidKeyException e) {
            throw new AssertionError(e);
        }
    }

    private String nextCode(String secret) {
        server.clock.advance(Totp.STEP); // each code is accepted once: move to the next step
        return appCode(secret, server.clock.instant());
    }

    private Enrolled enrol() {
        String tenant = server.tenantWithAdmin();
        server.addUser(tenant, "erin", "erin-password", "agent");
        String token = server.accessToken("erin", tenant, "erin-password");

        ApiClient.Response begun = client.post(AuthRoutes.TOTP, token, Map.of());
        assertThat(begun.status()).isEqualTo(200);
        String secret = begun.text("secret");
        assertThat(begun.text("otpauth_uri")).startsWith("otpauth://totp/ramal:erin%40" + tenant + "?secret=" + secret);
        assertThat(client.get(AuthRoutes.MFA, token).json().path("totp_pending").asBoolean()).isTrue();

        ApiClient.Response confirmed = client.post(AuthRoutes.TOTP_CONFIRM, token,
                Map.of("code", appCode(secret, server.clock.instant())));
        assertThat(confirmed.status()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        confirmed.json().path("recovery_codes").forEach(code -> codes.add(code.asText()));
        assertThat(codes).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}"));
        return new Enrolled(tenant, secret, codes);
    }

    private String mfaNonce(Enrolled user) {
        ApiClient.Response login = client.token("grant_type", "password", "username", "erin", "tenant", user.tenant(),
                "password", "erin-password");
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.text("error")).isEqualTo("mfa_required");
        assertThat(login.text("code")).isEqualTo("mfa_required");
        assertThat(login.json().has("access_token")).isFalse();
        return login.text("nonce");
    }

    @Test
    void passwordLoginOfATotpUserNeedsTheNonceAndACode() {
        Enrolled user = enrol();
        String nonce = mfaNonce(user);

        ApiClient.Response wrong = client.token("grant_type", "mfa", "nonce", nonce, "code", "000000");
        ApiClient.Response right = client.token("grant_type", "mfa", "nonce", nonce, "code", nextCode(user.secret()));

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("code")).isEqualTo("invalid_grant");
        assertThat(right.status()).isEqualTo(200);
        assertThat(client.get(UserRoutes.ME, right.text("access_token")).json().path("mfa_enabled").asBoolean())
                .isTrue();
        ApiClient.Response nonceAgain = client.token("grant_type", "mfa", "nonce", nonce,
                "code", nextCode(user.secret()));
        assertThat(nonceAgain.status()).isEqualTo(400);
    }

    @Test
    void aTotpCodeIsAcceptedOnlyOnce() {
        Enrolled user = enrol();
        String code = nextCode(user.secret());
        assertThat(client.token("grant_type", "mfa", "nonce", mfaNonce(user), "code", code).status()).isEqualTo(200);

        ApiClient.Response replay = client.token("grant_type", "mfa", "nonce", mfaNonce(user), "code", code);

        assertThat(replay.status()).isEqualTo(400);
    }

    @Test
    void eachRecoveryCodeWorksOnce() {
        Enrolled user = enrol();
        String recovery = user.recoveryCodes().get(3).toUpperCase(Locale.ROOT);

        ApiClient.Response first = client.token("grant_type", "mfa", "nonce", mfaNonce(user), "code", recovery);
        ApiClient.Response second = client.token("grant_type", "mfa", "nonce", mfaNonce(user), "code", recovery);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(400);
        String token = first.text("access_token");
        assertThat(client.get(AuthRoutes.MFA, token).json().path("recovery_codes_remaining").asInt()).isEqualTo(9);
    }

    @Test
    void aNonceAllowsOnlyFiveAttempts() {
        Enrolled user = enrol();
        String nonce = mfaNonce(user);
        for (int i = 0; i < 5; i++) {
            assertThat(client.token("grant_type", "mfa", "nonce", nonce, "code", "111111").status()).isEqualTo(400);
        }

        ApiClient.Response sixth = client.token("grant_type", "mfa", "nonce", nonce, "code", nextCode(user.secret()));

        assertThat(sixth.status()).isEqualTo(400);
        assertThat(sixth.text("message")).contains("log in again");
    }

    @Test
    void aNonceExpiresAfterFiveMinutes() {
        Enrolled user = enrol();
        String nonce = mfaNonce(user);

        server.clock.advance(Duration.ofMinutes(5));

        assertThat(client.token("grant_type", "mfa", "nonce", nonce, "code", nextCode(user.secret())).status())
                .isEqualTo(400);
    }

    @Test
    void disablingNeedsACodeAndRestoresPlainLogins() {
        Enrolled user = enrol();
        String token = client.token("grant_type", "mfa", "nonce", mfaNonce(user), "code", nextCode(user.secret()))
                .text("access_token");

        ApiClient.Response wrong = client.post(AuthRoutes.TOTP_DISABLE, token, Map.of("code", "123456"));
        ApiClient.Response right = client.post(AuthRoutes.TOTP_DISABLE, token,
                Map.of("code", nextCode(user.secret())));

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("code")).isEqualTo("invalid_code");
        assertThat(right.status()).isEqualTo(204);
        assertThat(server.login("erin", user.tenant(), "erin-password").text("access_token")).isNotBlank();
        JsonNode status = client.get(AuthRoutes.MFA, token).json();
        assertThat(status.path("totp_enabled").asBoolean()).isFalse();
        assertThat(status.path("totp_pending").asBoolean()).isFalse();
    }

    @Test
    void enrollingTwiceOrConfirmingWithoutEnrolmentConflicts() {
        Enrolled user = enrol();
        String token = client.token("grant_type", "mfa", "nonce", mfaNonce(user), "code", nextCode(user.secret()))
                .text("access_token");
        String other = server.accessToken("admin", user.tenant(), "admin-password");

        assertThat(client.post(AuthRoutes.TOTP, token, Map.of()).text("code")).isEqualTo("mfa_already_enabled");
        ApiClient.Response unconfirmed = client.post(AuthRoutes.TOTP_CONFIRM, other, Map.of("code", "123456"));
        assertThat(unconfirmed.status()).isEqualTo(409);
        assertThat(unconfirmed.text("code")).isEqualTo("mfa_not_pending");
    }

    @Test
    void anAdminCanResetALostSecondFactor() {
        Enrolled user = enrol();
        String admin = server.accessToken("admin", user.tenant(), "admin-password");
        String erinId = client.get(UserRoutes.USERS, admin).json().path("users").findValues("id").stream()
                .map(JsonNode::asText)
                .filter(id -> client.get(UserRoutes.USERS + "/" + id, admin).text("username").equals("erin"))
                .findFirst().orElseThrow();

        ApiClient.Response reset = client.patch(UserRoutes.USERS + "/" + erinId, admin, Map.of("mfa_enabled", false));

        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().path("mfa_enabled").asBoolean()).isFalse();
        assertThat(server.login("erin", user.tenant(), "erin-password").status()).isEqualTo(200);
    }

    @Test
    void apiKeysCannotManageTheSecondFactor() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        String key = client.post(ApiKeyRoutes.KEYS, admin, Map.of("name", "ci", "scopes", List.of("admin")))
                .text("key");

        ApiClient.Response begun = client.post(AuthRoutes.TOTP, key, Map.of());

        assertThat(begun.status()).isEqualTo(403);
        assertThat(begun.text("code")).isEqualTo("forbidden");
    }
}
