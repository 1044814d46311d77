package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeysApiTest {

    private final AuthServer server = new AuthServer();
    private final ApiClient client = server.client;

    @AfterAll
    void stop() {
        server.close();
    }

    private ApiClient.Response createKey(String bearer, Map<String, Object> body) {
        return client.post(ApiKeyRoutes.KEYS, bearer, body);
    }

    @Test
    void anAdminCreatesAKeyShownInFullOnlyOnce() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");

        ApiClient.Response created = createKey(admin, Map.of("name", "crm", "scopes", List.of("events:read", "calls:read")));

        assertThat(created.status()).isEqualTo(201);
        String key = created.text("key");
        assertThat(key).matches("rml_[a-z2-7]{16}_[a-z2-7]{48}").startsWith(created.text("prefix") + "_");
        assertThat(created.header("Location")).contains(ApiKeyRoutes.KEYS + "/" + created.text("id"));
        JsonNode listed = client.get(ApiKeyRoutes.KEYS, admin).json().path("api_keys");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("name").asText()).isEqualTo("crm");
        assertThat(listed.get(0).has("key")).isFalse();
        assertThat(client.get(ApiKeyRoutes.KEYS, admin).raw()).doesNotContain(key.substring(21));
        assertThat(client.get(ApiKeyRoutes.KEYS + "/" + created.text("id"), admin).json().has("key")).isFalse();
    }

    @Test
    void aKeyActsForItsOwnerWithinItsScopes() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        String key = createKey(admin, Map.of("name", "crm", "scopes", List.of("events:read"))).text("key");

        ApiClient.Response me = client.get(UserRoutes.ME, key);
        ApiClient.Response users = client.get(UserRoutes.USERS, key);
        ApiClient.Response create = client.post(UserRoutes.USERS, key,
                Map.of("username", "mallory", "password", "mallory-password", "roles", List.of("admin")));

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("username")).isEqualTo("admin");
        assertThat(me.text("authenticated_by")).isEqualTo("api_key");
        assertThat(me.json().path("scopes").toString()).isEqualTo("[\"events:read\"]");
        assertThat(users.status()).isEqualTo(403);
        assertThat(users.text("code")).isEqualTo("forbidden");
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.text("message")).contains("admin");
    }

    @Test
    void aKeyWithTheAdminScopeMayAdministerUsers() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        String key = createKey(admin, Map.of("name", "provisioning", "scopes", List.of("admin"))).text("key");

        ApiClient.Response create = client.post(UserRoutes.USERS, key,
                Map.of("username", "frank", "password", "frank-password", "roles", List.of("agent")));

        assertThat(create.status()).isEqualTo(201);
        assertThat(server.login("frank", tenant, "frank-password").status()).isEqualTo(200);
    }

    @Test
    void onlyAnAdminOwnedKeyMayHaveTheAdminScope() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        String agentId = client.post(UserRoutes.USERS, admin,
                Map.of("username", "gina", "password", "gina-password", "roles", List.of("agent"))).text("id");

        ApiClient.Response refused = createKey(admin, Map.of("scopes", List.of("admin"), "user_id", agentId));
        ApiClient.Response allowed = createKey(admin, Map.of("scopes", List.of("calls:write"), "user_id", agentId));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("invalid_scope");
        assertThat(allowed.status()).isEqualTo(201);
        assertThat(allowed.text("user_id")).isEqualTo(agentId);
        assertThat(client.get(UserRoutes.ME, allowed.text("key")).text("username")).isEqualTo("gina");
    }

    @Test
    void aKeyLosesTheAdminScopeWhenItsOwnerStopsBeingAnAdmin() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        String ownerId = client.post(UserRoutes.USERS, admin, Map.of("username", "ops", "password", "ops-password",
                "roles", List.of("admin"))).text("id");
        String key = createKey(admin, Map.of("scopes", List.of("admin"), "user_id", ownerId)).text("key");
        assertThat(client.get(UserRoutes.USERS, key).status()).isEqualTo(200);

        client.patch(UserRoutes.USERS + "/" + ownerId, admin, Map.of("roles", List.of("agent")));

        assertThat(client.get(UserRoutes.USERS, key).status()).isEqualTo(403);
        assertThat(client.get(UserRoutes.ME, key).json().path("scopes")).isEmpty();
    }

    @Test
    void unknownScopesAreRefused() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");

        ApiClient.Response refused = createKey(admin, Map.of("scopes", List.of("everything")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("invalid_scope");
    }

    @Test
    void aRevokedKeyIsRefusedWithKeyRevoked() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        ApiClient.Response created = createKey(admin, Map.of("scopes", List.of("events:read")));

        assertThat(client.delete(ApiKeyRoutes.KEYS + "/" + created.text("id"), admin).status()).isEqualTo(204);

        ApiClient.Response me = client.get(UserRoutes.ME, created.text("key"));
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.text("code")).isEqualTo("key_revoked");
        assertThat(me.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        assertThat(client.get(ApiKeyRoutes.KEYS + "/" + created.text("id"), admin).json().has("revoked_at")).isTrue();
    }

    @Test
    void aKeyExpiresAtItsExpiry() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        String expiresAt = server.clock.instant().plus(Duration.ofHours(1)).toString();
        String key = createKey(admin, Map.of("scopes", List.of("events:read"), "expires_at", expiresAt)).text("key");
        assertThat(client.get(UserRoutes.ME, key).status()).isEqualTo(200);

        server.clock.advance(Duration.ofHours(1));

        ApiClient.Response me = client.get(UserRoutes.ME, key);
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.text("code")).isEqualTo("token_expired");
    }

    @Test
    void aKeyWithAWrongSecretIsInvalid() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        String key = createKey(admin, Map.of("scopes", List.of("events:read"))).text("key");
        String forged = key.substring(0, key.length() - 4) + (key.endsWith("aaaa") ? "bbbb" : "aaaa");

        ApiClient.Response me = client.get(UserRoutes.ME, forged);

        assertThat(me.status()).isEqualTo(401);
        assertThat(me.text("code")).isEqualTo("invalid_token");
        assertThat(me.raw()).doesNotContain(forged);
    }

    @Test
    void recordsWhenAKeyWasLastUsed() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        ApiClient.Response created = createKey(admin, Map.of("scopes", List.of("events:read")));
        assertThat(created.json().has("last_used_at")).isFalse();

        client.get(UserRoutes.ME, created.text("key"));

        assertThat(client.get(ApiKeyRoutes.KEYS + "/" + created.text("id"), admin).text("last_used_at"))
                .isEqualTo(server.clock.instant().toString());
    }

    @Test
    void deletingTheOwnerEndsItsKeys() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        String helperId = client.post(UserRoutes.USERS, admin,
                Map.of("username", "helper", "password", "helper-password", "roles", List.of("integration"))).text("id");
        String key = createKey(admin, Map.of("scopes", List.of("events:read"), "user_id", helperId)).text("key");
        assertThat(client.get(UserRoutes.ME, key).status()).isEqualTo(200);

        assertThat(client.delete(UserRoutes.USERS + "/" + helperId, admin).status()).isEqualTo(204);

        assertThat(client.get(UserRoutes.ME, key).status()).isEqualTo(401);
    }

    @Test
    void agentsCannotManageKeys() {
        String agent = server.accessToken("alice", "demo", "demo-alice");

        ApiClient.Response refused = createKey(agent, Map.of("scopes", List.of("events:read")));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(client.get(ApiKeyRoutes.KEYS, agent).status()).isEqualTo(403);
    }
}
