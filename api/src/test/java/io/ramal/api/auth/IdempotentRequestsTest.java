package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.api.http.Idempotency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code Idempotency-Key} on real mutations (creating API keys) of a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotentRequestsTest {

    private final AuthServer server = new AuthServer();
    private final ApiClient client = server.client;

    @AfterAll
    void stop() {
        server.close();
    }

    private static Map<String, Object> crmKey() {
        return Map.of("name", "crm", "scopes", List.of("calls:read"));
    }

    private ApiClient.Response create(String bearer, Object body, String key) {
        return client.post(ApiKeyRoutes.KEYS, bearer, body, Map.of(Idempotency.HEADER, key));
    }

    private int keyCount(String bearer) {
        return client.get(ApiKeyRoutes.KEYS, bearer).json().path("api_keys").size();
    }

    @Test
    void aRepeatedRequestGetsTheFirstAnswerAndActsOnce() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = create(admin, crmKey(), key);
        ApiClient.Response again = create(admin, crmKey(), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header(Idempotency.REPLAYED)).isEmpty();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header(Idempotency.REPLAYED)).contains("true");
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(keyCount(admin)).isEqualTo(1);
    }

    @Test
    void aDoubleClickCreatesOneKey() throws Exception {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        String key = UUID.randomUUID().toString();
        List<Callable<ApiClient.Response>> clicks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clicks.add(() -> create(admin, crmKey(), key));
        }

        List<ApiClient.Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<ApiClient.Response> answer : pool.invokeAll(clicks)) {
                answers.add(answer.get());
            }
        }

        assertThat(answers).extracting(ApiClient.Response::status).containsOnly(201);
        assertThat(answers).extracting(a -> a.text("id")).containsOnly(answers.get(0).text("id"));
        assertThat(keyCount(admin)).isEqualTo(1);
    }

    @Test
    void theSameKeyForAnotherRequestIsRefused() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        String key = UUID.randomUUID().toString();
        create(admin, crmKey(), key);

        ApiClient.Response other = create(admin, Map.of("name", "other", "scopes", List.of("calls:read")), key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("code").asText()).isEqualTo("idempotency_key_reused");
        assertThat(keyCount(admin)).isEqualTo(1);
    }

    @Test
    void aRefusalIsRepeatedToo() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        String key = UUID.randomUUID().toString();
        Map<String, Object> bad = Map.of("name", "crm", "scopes", List.of("no-such-scope"));

        ApiClient.Response first = create(admin, bad, key);
        ApiClient.Response again = create(admin, bad, key);

        assertThat(first.status()).isEqualTo(400);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.raw()).isEqualTo(first.raw());
        assertThat(again.header(Idempotency.REPLAYED)).contains("true");
    }

    @Test
    void keysOfTwoCallersOrTenantsNeverMeet() {
        String tenant = server.tenantWithAdmin();
        String other = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");
        String otherAdmin = server.accessToken("admin", other, "admin-password");
        String key = UUID.randomUUID().toString();

        ApiClient.Response mine = create(admin, crmKey(), key);
        ApiClient.Response theirs = create(otherAdmin, crmKey(), key);

        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header(Idempotency.REPLAYED)).isEmpty();
        assertThat(theirs.text("id")).isNotEqualTo(mine.text("id"));
    }

    @Test
    void aMalformedKeyIsRefusedAndNothingHappens() {
        String tenant = server.tenantWithAdmin();
        String admin = server.accessToken("admin", tenant, "admin-password");

        ApiClient.Response answer = create(admin, crmKey(), "x".repeat(Idempotency.MAX_KEY_LENGTH + 1));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("code").asText()).isEqualTo("invalid_idempotency_key");
        assertThat(keyCount(admin)).isZero();
    }
}
