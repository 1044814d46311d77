package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class WebhookSubscriptionsTest {

    static final Instant T0 = Instant.parse("2026-11-21T08:00:00.123Z");

    @Parameter
    Backend backend;

    private static ScratchDatabase scratch;
    private static DataSource dataSource;

    @BeforeParameterizedClassInvocation
    static void openStore(Backend backend) {
        scratch = ScratchDatabase.create(backend);
        dataSource = scratch.open().dataSource();
    }

    @AfterParameterizedClassInvocation
    static void removeStore() {
        scratch.close();
    }

    private final WebhookSubscriptions subscriptions = new WebhookSubscriptions(dataSource);

    static WebhookSubscription subscription(String tenant, String url) {
        return new WebhookSubscription("wh-" + UUID.randomUUID(), tenant, "CRM", "[{\"type\":\"*\"}]", url, "post",
                "JSON", Optional.of("{\"n\":\"%CALLER_ID%\"}"), "{\"X-Token\":\"abc\"}", "whsec_1", true,
                Optional.empty(), T0, T0);
    }

    @Test
    void roundTripsASubscriptionWithItsTemplatesAndHeaders() {
        String tenant = RandomTenant.create(dataSource);
        WebhookSubscription saved = subscription(tenant, "https://crm.example/hook?n=%CALLER_ID%");

        subscriptions.insert(saved);

        assertThat(subscriptions.find(tenant, saved.id())).contains(saved);
        assertThat(saved.method()).isEqualTo("POST");
        assertThat(saved.bodyFormat()).isEqualTo("json");
        assertThat(saved.toString()).doesNotContain("whsec_1");
    }

    @Test
    void anotherTenantNeitherSeesNorChangesNorDeletesIt() {
        String owner = RandomTenant.create(dataSource);
        String other = RandomTenant.create(dataSource);
        WebhookSubscription saved = subscription(owner, "https://crm.example/a");
        subscriptions.insert(saved);
        WebhookSubscription hijack = new WebhookSubscription(saved.id(), other, "x", "[]", "https://evil.example/",
                "GET", "json", Optional.empty(), "{}", "s", true, Optional.empty(), T0, T0);

        assertThat(subscriptions.find(other, saved.id())).isEmpty();
        assertThat(subscriptions.list(other)).isEmpty();
        assertThat(subscriptions.update(hijack)).isFalse();
        assertThat(subscriptions.delete(other, saved.id())).isFalse();
        assertThat(subscriptions.find(owner, saved.id())).contains(saved);
    }

    @Test
    void updatesAndDisablesWithAReason() {
        String tenant = RandomTenant.create(dataSource);
        WebhookSubscription saved = subscription(tenant, "https://crm.example/a");
        subscriptions.insert(saved);
        WebhookSubscription changed = new WebhookSubscription(saved.id(), tenant, "new", "[]",
                "http://crm.example/b", "GET", "form", Optional.empty(), "{}", "whsec_2", true, Optional.empty(),
                T0, T0.plusSeconds(5));

        assertThat(subscriptions.update(changed)).isTrue();
        assertThat(subscriptions.find(tenant, saved.id())).contains(changed);

        assertThat(subscriptions.disable(tenant, saved.id(), "410 Gone", T0.plusSeconds(9))).isTrue();
        WebhookSubscription disabled = subscriptions.find(tenant, saved.id()).orElseThrow();
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledReason()).contains("410 Gone");
        assertThat(disabled.updatedAt()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void listsOnlyEnabledOnesOnTheCallersConnectionWithoutClosingIt() throws SQLException {
        String tenant = RandomTenant.create(dataSource);
        WebhookSubscription on = subscription(tenant, "https://crm.example/on");
        WebhookSubscription off = subscription(tenant, "https://crm.example/off");
        subscriptions.insert(on);
        subscriptions.insert(off);
        subscriptions.disable(tenant, off.id(), "manual", T0);

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            List<WebhookSubscription> enabled = subscriptions.listEnabled(connection, tenant);
            assertThat(connection.isClosed()).isFalse();
            connection.rollback();
            connection.setAutoCommit(true);
            assertThat(enabled).extracting(WebhookSubscription::id).containsExactly(on.id());
        }
        assertThat(subscriptions.list(tenant)).hasSize(2);
    }

    @Test
    void deletingASubscriptionDeletesItsDeliveries() {
        String tenant = RandomTenant.create(dataSource);
        WebhookSubscription saved = subscription(tenant, "https://crm.example/a");
        subscriptions.insert(saved);
        WebhookOutbox outbox = new WebhookOutbox(dataSource);
        WebhookDelivery delivery = WebhookDelivery.pending(UUID.randomUUID().toString(), tenant, saved.id(), 1, "e1",
                "call.delivered", "{}", T0, Optional.empty());
        outbox.insert(delivery);

        assertThat(subscriptions.delete(tenant, saved.id())).isTrue();

        assertThat(outbox.find(tenant, delivery.id())).isEmpty();
    }

    @Test
    void refusesAnUnknownMethodOrBodyFormat() {
        assertThatThrownBy(() -> new WebhookSubscription("a", "t", "", "[]", "u", "PUT", "json", Optional.empty(),
                "{}", "s", true, Optional.empty(), T0, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookSubscription("a", "t", "", "[]", "u", "GET", "xml", Optional.empty(),
                "{}", "s", true, Optional.empty(), T0, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allowListIsReplacedAsAWholeAndKeptPerTenant() {
        String tenant = RandomTenant.create(dataSource);
        String other = RandomTenant.create(dataSource);
        WebhookAllowLists allowLists = new WebhookAllowLists(dataSource);

        allowLists.replace(tenant, List.of("127.0.0.1", "10.0.0.0/8", "127.0.0.1"));
        allowLists.replace(other, List.of("192.168.1.0/24"));
        assertThat(allowLists.list(tenant)).containsExactly("10.0.0.0/8", "127.0.0.1");

        allowLists.replace(tenant, List.of("fd00::/8"));
        assertThat(allowLists.list(tenant)).containsExactly("fd00::/8");
        assertThat(allowLists.list(other)).containsExactly("192.168.1.0/24");

        allowLists.replace(tenant, List.of());
        assertThat(allowLists.list(tenant)).isEmpty();
    }
}
