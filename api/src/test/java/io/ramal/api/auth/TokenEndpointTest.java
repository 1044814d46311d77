package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenEndpointTest {

    private final AuthServer server = new AuthServer();
    private final ApiClient client = server.client;

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void passwordGrantReturnsABearerTokenThatOpensTheApi() {
        ApiClient.Response login = client.token("grant_type", "password", "username", "alice", "password", "demo-alice");

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text("token_type")).isEqualTo("Bearer");
        assertThat(login.json().path("expires_in").asLong()).isEqualTo(600);
        assertThat(login.text("refresh_token")).isNotBlank();
        assertThat(login.header("Cache-Control")).contains("no-store");

        ApiClient.Response me = client.get(UserRoutes.ME, login.text("access_token"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("username")).isEqualTo("alice");
        assertThat(me.text("tenant")).isEqualTo("demo");
        assertThat(me.text("extension")).isEqualTo("1001");
        assertThat(me.json().path("roles").toString()).isEqualTo("[\"agent\"]");
    }

    @Test
    void acceptsFormEncodedGrantsAsOAuthClientsSendThem() {
        ApiClient.Response login = client.postForm(AuthRoutes.TOKEN,
                Map.of("grant_type", "password", "username", "bob", "password", "demo-bob", "client_id", "cli"));

        assertThat(login.status()).isEqualTo(200);
        ApiClient.Response refreshed = client.postForm(AuthRoutes.TOKEN,
                Map.of("grant_type", "refresh_token", "refresh_token", login.text("refresh_token")));
        assertThat(refreshed.status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordIsAnInvalidGrantThatSaysNothingMore() {
        ApiClient.Response wrong = client.token("grant_type", "password", "username", "carol@demo",
                "password", "nope-nope");
        ApiClient.Response unknown = client.token("grant_type", "password", "username", "nobody@demo",
                "password", "nope-nope");

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("code")).isEqualTo("invalid_grant");
        assertThat(wrong.text("error")).isEqualTo("invalid_grant");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json()).isEqualTo(wrong.json());
    }

    @Test
    void aLoginNamesItsTenantByFieldByIdSuffixOrBySipDomain() {
        String acme = server.tenantWithAdmin();

        assertThat(client.token("grant_type", "password", "username", "admin", "tenant", acme,
                "password", "admin-password").status()).isEqualTo(200);
        assertThat(client.token("grant_type", "password", "username", "admin@" + acme,
                "password", "admin-password").status()).isEqualTo(200);
        assertThat(client.token("grant_type", "password", "username", "Alice@127.0.0.1",
                "password", "demo-alice").status()).isEqualTo(200);
        // a bare name goes to the default tenant (demo here), where admin has another password
        assertThat(client.token("grant_type", "password", "username", "admin",
                "password", "admin-password").status()).isEqualTo(400);
        assertThat(client.token("grant_type", "password", "username", "admin@no-such-tenant",
                "password", "demo-admin").status()).isEqualTo(400);
    }

    @Test
    void refreshRotatesBothTokensAndTheOldRefreshTokenStopsWorking() {
        ApiClient.Response login = server.login("alice", "demo", "demo-alice");
        String first = login.text("refresh_token");

        ApiClient.Response refreshed = client.token("grant_type", "refresh_token", "refresh_token", first);

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.text("refresh_token")).isNotEqualTo(first);
        assertThat(refreshed.text("access_token")).isNotEqualTo(login.text("access_token"));
        assertThat(client.get(UserRoutes.ME, refreshed.text("access_token")).status()).isEqualTo(200);

        ApiClient.Response again = client.token("grant_type", "refresh_token", "refresh_token",
                refreshed.text("refresh_token"));
        assertThat(again.status()).isEqualTo(200);
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeFamily() {
        String stolen = server.login("bob", "demo", "demo-bob").text("refresh_token");
        String legitimate = client.token("grant_type", "refresh_token", "refresh_token", stolen).text("refresh_token");

        ApiClient.Response replay = client.token("grant_type", "refresh_token", "refresh_token", stolen);

        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.text("code")).isEqualTo("invalid_grant");
        ApiClient.Response afterTheft = client.token("grant_type", "refresh_token", "refresh_token", legitimate);
        assertThat(afterTheft.status()).isEqualTo(400);
        assertThat(afterTheft.text("message")).contains("revoked");
        // another session of the same user is untouched
        String otherSession = server.login("bob", "demo", "demo-bob").text("refresh_token");
        assertThat(client.token("grant_type", "refresh_token", "refresh_token", otherSession).status()).isEqualTo(200);
    }

    @Test
    void aRefreshTokenWorksOnlyForItsClient() {
        String token = client.token("grant_type", "password", "username", "alice", "password", "demo-alice",
                "client_id", "desktop").text("refresh_token");

        assertThat(client.token("grant_type", "refresh_token", "refresh_token", token, "client_id", "mobile").status())
                .isEqualTo(400);
        assertThat(client.token("grant_type", "refresh_token", "refresh_token", token, "client_id", "desktop").status())
                .isEqualTo(200);
    }

    @Test
    void revokedRefreshTokenCannotBeUsed() {
        String token = server.login("carol", "demo", "demo-carol").text("refresh_token");

        ApiClient.Response revoke = client.post(AuthRoutes.REVOKE, null, Map.of("token", token));

        assertThat(revoke.status()).isEqualTo(200);
        ApiClient.Response refresh = client.token("grant_type", "refresh_token", "refresh_token", token);
        assertThat(refresh.status()).isEqualTo(400);
        assertThat(refresh.text("code")).isEqualTo("invalid_grant");
        assertThat(client.post(AuthRoutes.REVOKE, null, Map.of("token", "unknown-token")).status()).isEqualTo(200);
    }

    @Test
    void refreshTokensExpire() {
        String token = server.login("alice", "demo", "demo-alice").text("refresh_token");

        server.clock.advance(Duration.ofDays(30));
        try {
            ApiClient.Response refresh = client.token("grant_type", "refresh_token", "refresh_token", token);
            assertThat(refresh.status()).isEqualTo(400);
            assertThat(refresh.text("message")).contains("expired");
        } finally {
            server.clock.advance(Duration.ofDays(-30));
        }
    }

    @Test
    void expiredAccessTokenIsRefusedWithTokenExpired() {
        String token = server.accessToken("alice", "demo", "demo-alice");

        server.clock.advance(Duration.ofMinutes(10));
        try {
            ApiClient.Response me = client.get(UserRoutes.ME, token);
            assertThat(me.status()).isEqualTo(401);
            assertThat(me.text("code")).isEqualTo("token_expired");
            assertThat(me.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value)
                    .startsWith("Bearer ").contains("error=\"invalid_token\""));
        } finally {
            server.clock.advance(Duration.ofMinutes(-10));
        }
    }

    @Test
    void tamperedOrMissingCredentialsAreRefused() {
        String token = server.accessToken("alice", "demo", "demo-alice");

        ApiClient.Response tampered = client.get(UserRoutes.ME, token.substring(0, token.length() - 2) + "xx");
        ApiClient.Response missing = client.get(UserRoutes.ME, null);

        assertThat(tampered.status()).isEqualTo(401);
        assertThat(tampered.text("code")).isEqualTo("invalid_token");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.text("code")).isEqualTo("unauthorized");
        assertThat(missing.header("WWW-Authenticate")).contains("Bearer realm=\"ramal\"");
    }

    @Test
    void disablingAUserEndsItsAccessAtOnce() {
        String tenant = server.tenantWithAdmin();
        server.addUser(tenant, "dave", "dave-password", "agent");
        String admin = server.accessToken("admin", tenant, "admin-password");
        ApiClient.Response dave = server.login("dave", tenant, "dave-password");
        String daveId = client.get(UserRoutes.ME, dave.text("access_token")).text("id");

        assertThat(client.patch(UserRoutes.USERS + "/" + daveId, admin, Map.of("disabled", true)).status())
                .isEqualTo(200);

        ApiClient.Response me = client.get(UserRoutes.ME, dave.text("access_token"));
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.text("code")).isEqualTo("invalid_token");
        assertThat(client.token("grant_type", "refresh_token", "refresh_token", dave.text("refresh_token")).status())
                .isEqualTo(400);
        assertThat(client.token("grant_type", "password", "username", "dave", "tenant", tenant,
                "password", "dave-password").status()).isEqualTo(400);
    }

    @Test
    void malformedRequestsAreAnsweredWithOAuthErrors() {
        ApiClient.Response noGrant = client.post(AuthRoutes.TOKEN, null, Map.of("username", "alice"));
        ApiClient.Response badGrant = client.token("grant_type", "client_credentials");
        ApiClient.Response badJson = client.post(AuthRoutes.TOKEN, null, "{not json");
        ApiClient.Response missingPassword = client.token("grant_type", "password", "username", "alice");

        assertThat(noGrant.status()).isEqualTo(400);
        assertThat(noGrant.text("error")).isEqualTo("invalid_request");
        assertThat(badGrant.text("error")).isEqualTo("unsupported_grant_type");
        assertThat(badJson.text("code")).isEqualTo("invalid_request");
        assertThat(missingPassword.text("message")).contains("password");
    }
}
