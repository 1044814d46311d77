package io.ramal.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.store.WebhookDelivery;
import io.ramal.store.WebhookSubscription;
import io.ramal.store.testing.Backend;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebhooksTest {

    private static WebhookHarness harness;

    @BeforeAll
    static void open() {
        harness = new WebhookHarness(Backend.SQLITE, WebhookHarness.fastConfig(3));
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    private final String tenant = harness.tenant();

    private WebhookSubscription subscription(String selectors) {
        WebhookSubscription subscription = new WebhookSubscription("wh_" + UUID.randomUUID(), tenant, "", selectors,
                "http://127.0.0.1:9/x", "POST", "json", Optional.empty(), "{}", "whsec_x", true, Optional.empty(),
                Instant.now(), Instant.now());
        harness.webhooks.subscriptions().insert(subscription);
        return subscription;
    }

    private List<WebhookDelivery> enqueue(String type, Map<String, Object> fields) throws SQLException {
        try (Connection connection = harness.database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            List<WebhookDelivery> added = harness.webhooks.enqueue(connection,
                    new WebhookEvent(tenant, 1, "ev-" + UUID.randomUUID(), Instant.now(), type, fields));
            connection.commit();
            connection.setAutoCommit(true);
            return added;
        }
    }

    @Test
    void onlySubscriptionsThatWantTheEventGetADelivery() throws SQLException {
        WebhookSubscription all = subscription("[{\"type\":\"*\"}]");
        WebhookSubscription ringingAt1001 = subscription("[{\"trigger\":\"ringing\",\"device\":\"1001\"}]");
        subscription("[{\"type\":\"connection.cleared\"}]");

        List<WebhookDelivery> added = enqueue("call.delivered", Map.of("device", "1001", "direction", "inbound"));

        assertThat(added).extracting(WebhookDelivery::subscriptionId)
                .containsExactlyInAnyOrder(all.id(), ringingAt1001.id());
        assertThat(added).allSatisfy(d -> assertThat(WebhookJson.readObject(d.payload()))
                .containsEntry("type", "call.delivered").containsEntry("device", "1001").containsEntry("tenant", tenant));
        assertThat(enqueue("call.delivered", Map.of("device", "1002"))).extracting(WebhookDelivery::subscriptionId)
                .containsExactly(all.id());
    }

    @Test
    void subscriptionsAreCachedUntilInvalidated() throws SQLException {
        assertThat(enqueue("call.delivered", Map.of())).isEmpty();
        WebhookSubscription added = subscription("[{\"type\":\"*\"}]");

        assertThat(enqueue("call.delivered", Map.of())).as("still the cached list").isEmpty();
        harness.webhooks.invalidate(tenant);

        assertThat(enqueue("call.delivered", Map.of())).extracting(WebhookDelivery::subscriptionId)
                .containsExactly(added.id());
    }

    @Test
    void aDamagedSubscriptionIsSkippedWithoutFailingTheEvent() throws SQLException {
        subscription("[{\"type\":\"not a type\"}]");
        WebhookSubscription fine = subscription("[{\"type\":\"call.*\"}]");

        assertThat(enqueue("call.held", Map.of())).extracting(WebhookDelivery::subscriptionId).containsExactly(fine.id());
    }

    @Test
    void readsAnEventFromTheEventLogsStoredForm() {
        WebhookEvent event = WebhookEvent.fromJson("acme", 7, "ev-7", Instant.EPOCH, "call.delivered",
                Optional.of("c-1"), Optional.of("1001"), "{\"direction\":\"inbound\",\"seq\":99,\"caller\":{\"number\":\"+3491\"}}");

        assertThat(event.fields()).containsEntry("call_id", "c-1").containsEntry("device", "1001")
                .containsEntry("direction", "inbound").doesNotContainKey("seq");
        assertThat(event.envelope()).containsEntry("seq", 7L).containsEntry("tenant", "acme")
                .containsEntry("ts", "1970-01-01T00:00:00Z");
        assertThat(MeetipVariable.CALLER_ID.valueFor(CallView.of(event.envelope()))).isEqualTo("+3491");
    }

    @Test
    void aLoadThatRacedWithAnInvalidationIsUsedOnceButNotKept() {
        SubscriptionCache cache = new SubscriptionCache(Duration.ofMinutes(1));
        Instant now = Instant.now();
        Subscription stale = Subscription.from(new WebhookSubscription("wh_1", "t", "", "[{\"type\":\"*\"}]",
                "http://127.0.0.1/", "POST", "json", Optional.empty(), "{}", "s", true, Optional.empty(), now, now));

        List<Subscription> first = cache.get("t", now, () -> {
            cache.invalidate("t"); // an admin change lands while the list is being read
            return List.of(stale);
        });

        assertThat(first).containsExactly(stale);
        assertThat(cache.get("t", now, List::of)).as("reloaded, not the raced load").isEmpty();
        assertThat(cache.get("t", now, () -> List.of(stale))).as("now cached").isEmpty();
        assertThat(cache.get("t", now.plus(Duration.ofMinutes(1)), () -> List.of(stale))).as("expired").containsExactly(stale);
    }
}
