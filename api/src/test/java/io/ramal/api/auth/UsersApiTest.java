package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersApiTest {

    private final AuthServer server = new AuthServer();
    private final ApiClient client = server.client;

    @AfterAll
    void stop() {
        server.close();
    }

    private ApiClient.Response create(String admin, String username, String role) {
        return client.post(UserRoutes.USERS, admin,
                Map.of("username", username, "password", username + "-password", "roles", List.of(role)));
    }

    @Test
    void anAdminCreatesListsShowsChangesAndDeletesUsers() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");

        ApiClient.Response created = create(admin, "Hana", "agent");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("username")).isEqualTo("hana");
        assertThat(created.text("tenant")).isEqualTo(tenant);
        assertThat(created.raw()).doesNotContain("hana-password").doesNotContain("$2a$");
        String path = UserRoutes.USERS + "/" + created.text("id");

        JsonNode listed = client.get(UserRoutes.USERS, admin).json().path("users");
        assertThat(listed.findValuesAsText("username")).containsExactly("admin", "hana");

        ApiClient.Response changed = client.patch(path, admin, Map.of("roles", List.of("supervisor", "agent")));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("roles").toString()).isEqualTo("[\"agent\",\"supervisor\"]");
        assertThat(client.get(path, admin).json().path("roles")).hasSize(2);

        assertThat(client.delete(path, admin).status()).isEqualTo(204);
        assertThat(client.get(path, admin).status()).isEqualTo(404);
    }

    @Test
    void changingThePasswordEndsTheUsersSessions() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        String id = create(admin, "ivan", "agent").text("id");
        String refresh = server.login("ivan", tenant, "ivan-password").text("refresh_token");

        client.patch(UserRoutes.USERS + "/" + id, admin, Map.of("password", "new-ivan-password"));

        assertThat(client.token("grant_type", "refresh_token", "refresh_token", refresh).status()).isEqualTo(400);
        assertThat(server.login("ivan", tenant, "new-ivan-password").status()).isEqualTo(200);
    }

    @Test
    void bindsUsersOnlyToExtensionsOfTheirTenant() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        String demoAdmin = server.accessToken("admin", "demo", "demo-admin");

        ApiClient.Response foreign = client.post(UserRoutes.USERS, admin, Map.of("username", "jon",
                "password", "jon-password", "roles", List.of("agent"), "extension", "1001"));
        ApiClient.Response own = client.post(UserRoutes.USERS, demoAdmin, Map.of("username", "jon",
                "password", "jon-password", "roles", List.of("agent"), "extension", "1004"));

        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.text("code")).isEqualTo("unknown_extension");
        assertThat(own.status()).isEqualTo(201);
        assertThat(own.text("extension")).isEqualTo("1004");
        ApiClient.Response unbound = client.patch(UserRoutes.USERS + "/" + own.text("id"), demoAdmin,
                Collections.singletonMap("extension", null));
        assertThat(unbound.json().has("extension")).isFalse();
        client.delete(UserRoutes.USERS + "/" + own.text("id"), demoAdmin);
    }

    @Test
    void refusesDuplicateNamesWeakPasswordsAndUnknownRoles() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        create(admin, "kim", "agent");

        ApiClient.Response duplicate = create(admin, "KIM", "agent");
        ApiClient.Response weak = client.post(UserRoutes.USERS, admin,
                Map.of("username", "lee", "password", "short", "roles", List.of("agent")));
        ApiClient.Response role = create(admin, "lee", "superuser");
        ApiClient.Response name = create(admin, "lee@acme", "agent");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.text("code")).isEqualTo("username_taken");
        assertThat(weak.text("code")).isEqualTo("weak_password");
        assertThat(role.text("code")).isEqualTo("invalid_request");
        assertThat(name.status()).isEqualTo(400);
    }

    @Test
    void theLastEnabledAdminStays() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        String adminId = client.get(UserRoutes.ME, admin).text("id");
        String path = UserRoutes.USERS + "/" + adminId;

        assertThat(client.delete(path, admin).text("code")).isEqualTo("last_admin");
        assertThat(client.patch(path, admin, Map.of("disabled", true)).status()).isEqualTo(409);
        assertThat(client.patch(path, admin, Map.of("roles", List.of("agent"))).status()).isEqualTo(409);

        create(admin, "second", "admin");
        assertThat(client.patch(path, admin, Map.of("roles", List.of("agent"))).status()).isEqualTo(200);
    }

    @Test
    void nonAdminsCannotAdministerUsersButSeeThemselves() {
        String supervisor = server.accessToken("carol", "demo", "demo-carol");

        assertThat(client.get(UserRoutes.USERS, supervisor).status()).isEqualTo(403);
        assertThat(create(supervisor, "sneaky", "admin").status()).isEqualTo(403);
        ApiClient.Response me = client.get(UserRoutes.ME, supervisor);
        assertThat(me.text("username")).isEqualTo("carol");
        assertThat(me.text("authenticated_by")).isEqualTo("access_token");
    }

    @Test
    void anAdminOfTenantBNeitherSeesNorTouchesTenantA() {
        String tenantA = server.tenantWithAdmin();
        String tenantB = server.tenantWithAdmin();
        String adminA = server.accessToken("admin", tenantA, "admin-password");
        String adminB = server.accessToken("admin", tenantB, "admin-password");
        ApiClient.Response userA = create(adminA, "secret-agent", "agent");
        String pathA = UserRoutes.USERS + "/" + userA.text("id");
        String keyIdA = client.post(ApiKeyRoutes.KEYS, adminA, Map.of("scopes", List.of("events:read"))).text("id");
        String keyPathA = ApiKeyRoutes.KEYS + "/" + keyIdA;
        String keyB = client.post(ApiKeyRoutes.KEYS, adminB, Map.of("scopes", List.of("admin"))).text("key");

        for (String bearer : List.of(adminB, keyB)) {
            assertThat(client.get(UserRoutes.USERS, bearer).json().path("users").findValuesAsText("username"))
                    .containsExactly("admin");
            assertThat(client.get(ApiKeyRoutes.KEYS, bearer).raw()).doesNotContain(keyIdA);
            ApiClient.Response show = client.get(pathA, bearer);
            assertThat(show.status()).isEqualTo(404);
            assertThat(show.text("code")).isEqualTo("user_not_found");
            assertThat(client.patch(pathA, bearer, Map.of("disabled", true)).status()).isEqualTo(404);
            assertThat(client.patch(pathA, bearer, Map.of("password", "taken-over-password")).status()).isEqualTo(404);
            assertThat(client.delete(pathA, bearer).status()).isEqualTo(404);
            assertThat(client.get(keyPathA, bearer).status()).isEqualTo(404);
            assertThat(client.delete(keyPathA, bearer).status()).isEqualTo(404);
            assertThat(client.post(ApiKeyRoutes.KEYS, bearer,
                    Map.of("scopes", List.of("events:read"), "user_id", userA.text("id"))).status()).isEqualTo(404);
        }

        assertThat(server.login("secret-agent", tenantA, "secret-agent-password").status()).isEqualTo(200);
        assertThat(client.get(keyPathA, adminA).json().has("revoked_at")).isFalse();
        // the same name in tenant B is another user
        assertThat(client.token("grant_type", "password", "username", "secret-agent", "tenant", tenantB,
                "password", "secret-agent-password").status()).isEqualTo(400);
    }
}
