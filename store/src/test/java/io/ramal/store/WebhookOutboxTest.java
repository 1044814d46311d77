package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class WebhookOutboxTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    private static final Instant LEASE = T0.plusSeconds(30);

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

    private final WebhookOutbox outbox = new WebhookOutbox(dataSource);
    private final WebhookSubscriptions subscriptions = new WebhookSubscriptions(dataSource);

    @Test
    void aDeliveryInsertedInTheCallersTransactionExistsOnlyIfItCommits() throws SQLException {
        String tenant = RandomTenant.create(dataSource);
        String subscription = subscription(tenant);
        WebhookDelivery kept = delivery(tenant, subscription, 1);
        WebhookDelivery rolledBack = delivery(tenant, subscription, 2);

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            outbox.insert(connection, kept);
            connection.commit();
            outbox.insert(connection, rolledBack);
            connection.rollback();
            connection.setAutoCommit(true);
        }

        assertThat(outbox.find(tenant, kept.id())).contains(kept);
        assertThat(outbox.find(tenant, rolledBack.id())).isEmpty();
    }

    @Test
    void claimsOnlyTheFirstPendingDeliveryOfEachSubscription() {
        String tenant = RandomTenant.create(dataSource);
        String a = subscription(tenant);
        String b = subscription(tenant);
        for (long seq : new long[] {3, 1, 2}) {
            outbox.insert(delivery(tenant, a, seq));
        }
        outbox.insert(delivery(tenant, b, 7));

        List<WebhookDelivery> claimed = claimOf(tenant, "d1", T0);

        assertThat(claimed).extracting(WebhookDelivery::subscriptionId, WebhookDelivery::seq)
                .containsExactlyInAnyOrder(tuple(a, 1L),
                        tuple(b, 7L));
        assertThat(claimed).allSatisfy(d -> {
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.leaseOwner()).contains("d1");
        });
        assertThat(claimOf(tenant, "d2", T0)).as("heads are leased, later ones wait behind them").isEmpty();
    }

    @Test
    void aFailingDeliveryHoldsBackOnlyItsOwnSubscription() {
        String tenant = RandomTenant.create(dataSource);
        String a = subscription(tenant);
        String b = subscription(tenant);
        WebhookDelivery a1 = delivery(tenant, a, 1);
        outbox.insert(a1);
        outbox.insert(delivery(tenant, a, 2));
        outbox.insert(delivery(tenant, b, 1));
        outbox.insert(delivery(tenant, b, 2));
        claimOf(tenant, "d1", T0);

        assertThat(outbox.complete(a1.id(), "d1", Optional.of(attempt(a1, 1, WebhookAttemptOutcome.RETRY)),
                new WebhookTransition.Retry(T0.plusSeconds(60), "HTTP 500"))).isTrue();
        completeAllOf(tenant, b);

        assertThat(claimOf(tenant, "d1", T0.plusSeconds(1))).extracting(WebhookDelivery::subscriptionId, WebhookDelivery::seq)
                .containsExactly(tuple(b, 2L));
        completeAllOf(tenant, b);
        List<WebhookDelivery> later = claimOf(tenant, "d1", T0.plusSeconds(61));
        assertThat(later).extracting(WebhookDelivery::id).containsExactly(a1.id());
        assertThat(later.getFirst().attempts()).isEqualTo(2);
        assertThat(later.getFirst().lastError()).contains("HTTP 500");
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldOwnerCanNoLongerFinish() {
        String tenant = RandomTenant.create(dataSource);
        String a = subscription(tenant);
        WebhookDelivery first = delivery(tenant, a, 1);
        outbox.insert(first);
        outbox.claim("dead-node", T0, T0.plusSeconds(10), 10);

        assertThat(claimOf(tenant, "survivor", T0.plusSeconds(9))).isEmpty();
        List<WebhookDelivery> taken = claimOf(tenant, "survivor", T0.plusSeconds(10));

        assertThat(taken).extracting(WebhookDelivery::id).containsExactly(first.id());
        assertThat(taken.getFirst().attempts()).isEqualTo(2);
        assertThat(outbox.complete(first.id(), "dead-node", Optional.empty(),
                new WebhookTransition.Delivered(T0.plusSeconds(11)))).isFalse();
        assertThat(outbox.complete(first.id(), "survivor", Optional.of(attempt(first, 2, WebhookAttemptOutcome.DELIVERED)),
                new WebhookTransition.Delivered(T0.plusSeconds(12)))).isTrue();
        WebhookDelivery done = outbox.find(tenant, first.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(WebhookDeliveryState.DELIVERED);
        assertThat(done.finishedAt()).contains(T0.plusSeconds(12));
        assertThat(done.leaseOwner()).isEmpty();
    }

    @Test
    void concurrentClaimersNeverHoldTheSameDelivery() throws Exception {
        String tenant = RandomTenant.create(dataSource);
        List<String> subs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String sub = subscription(tenant);
            subs.add(sub);
            outbox.insert(delivery(tenant, sub, 1));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<String> claimedIds = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String owner = "node-" + t;
                runs.add(threads.submit(() -> {
                    start.await();
                    outbox.claim(owner, T0, LEASE, 50).stream()
                            .filter(d -> d.tenantId().equals(tenant))
                            .forEach(d -> claimedIds.add(d.id()));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get();
            }
        }
        assertThat(claimedIds).doesNotHaveDuplicates().hasSize(subs.size());
    }

    @Test
    void aDeadLetterNoLongerHoldsBackItsSubscriptionAndCanBeReplayedFirst() {
        String tenant = RandomTenant.create(dataSource);
        String a = subscription(tenant);
        WebhookDelivery one = delivery(tenant, a, 1);
        WebhookDelivery two = delivery(tenant, a, 2);
        WebhookDelivery three = delivery(tenant, a, 3);
        outbox.insert(one);
        outbox.insert(two);
        outbox.insert(three);
        claimOf(tenant, "d", T0);
        outbox.complete(one.id(), "d", Optional.of(attempt(one, 1, WebhookAttemptOutcome.DEAD)),
                new WebhookTransition.Dead(T0.plusSeconds(1), "HTTP 503"));

        assertThat(outbox.deadLetters(tenant, 10)).extracting(WebhookDelivery::id).containsExactly(one.id());
        assertThat(claimOf(tenant, "d", T0.plusSeconds(2))).extracting(WebhookDelivery::id).containsExactly(two.id());
        outbox.complete(two.id(), "d", Optional.empty(), new WebhookTransition.Delivered(T0.plusSeconds(3)));

        List<WebhookDelivery> replays = outbox.replay(outbox.originals(tenant, a, 1, 2, 10), T0.plusSeconds(4));

        assertThat(replays).extracting(WebhookDelivery::seq).containsExactly(1L, 2L);
        assertThat(replays).extracting(r -> r.replayOf().orElseThrow()).containsExactly(one.id(), two.id());
        assertThat(outbox.find(tenant, one.id()).orElseThrow().replayedAt()).contains(T0.plusSeconds(4));
        assertThat(outbox.originals(tenant, a, 1, 3, 10)).extracting(WebhookDelivery::id)
                .containsExactly(one.id(), two.id(), three.id());
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WebhookDelivery next = claimOf(tenant, "d", T0.plusSeconds(5)).getFirst();
            order.add(next.replayOf().orElse(next.id()));
            outbox.complete(next.id(), "d", Optional.empty(), new WebhookTransition.Delivered(T0.plusSeconds(5)));
        }
        assertThat(order).containsExactly(one.id(), two.id(), three.id());
    }

    @Test
    void deliveriesOfADisabledSubscriptionWaitAndAReleaseGivesBackTheAttempt() {
        String tenant = RandomTenant.create(dataSource);
        String a = subscription(tenant);
        WebhookDelivery one = delivery(tenant, a, 1);
        outbox.insert(one);
        claimOf(tenant, "d", T0);
        outbox.complete(one.id(), "d", Optional.empty(), new WebhookTransition.Release("dispatcher stopped"));
        subscriptions.disable(tenant, a, "410 Gone", T0);

        assertThat(claimOf(tenant, "d", T0.plusSeconds(1))).isEmpty();
        WebhookDelivery waiting = outbox.find(tenant, one.id()).orElseThrow();
        assertThat(waiting.state()).isEqualTo(WebhookDeliveryState.PENDING);
        assertThat(waiting.attempts()).isZero();
        assertThat(outbox.pending(tenant, a)).isEqualTo(1);
    }

    @Test
    void aSubscriptionNeverHasTwoDeliveriesInFlightEvenWhenAReplayJumpsTheQueue() {
        String tenant = RandomTenant.create(dataSource);
        String a = subscription(tenant);
        WebhookDelivery one = delivery(tenant, a, 1);
        WebhookDelivery two = delivery(tenant, a, 2);
        outbox.insert(one);
        outbox.insert(two);
        claimOf(tenant, "d", T0);
        outbox.complete(one.id(), "d", Optional.empty(), new WebhookTransition.Delivered(T0));
        assertThat(claimOf(tenant, "d", T0)).extracting(WebhookDelivery::id).containsExactly(two.id());

        WebhookDelivery replay = outbox.replay(List.of(outbox.find(tenant, one.id()).orElseThrow()), T0).getFirst();

        assertThat(claimOf(tenant, "d", T0.plusSeconds(1))).as("seq 2 is still in flight").isEmpty();
        outbox.complete(two.id(), "d", Optional.empty(), new WebhookTransition.Delivered(T0.plusSeconds(1)));
        assertThat(claimOf(tenant, "d", T0.plusSeconds(1))).extracting(WebhookDelivery::id).containsExactly(replay.id());
    }

    @Test
    void logsAttemptsAndListsDeliveriesNewestFirst() {
        String tenant = RandomTenant.create(dataSource);
        String a = subscription(tenant);
        WebhookDelivery one = delivery(tenant, a, 1);
        outbox.insert(one);
        outbox.insert(delivery(tenant, a, 2));
        claimOf(tenant, "d", T0);
        WebhookAttempt failed = new WebhookAttempt("at-" + UUID.randomUUID(), one.id(), tenant, 1, T0, 12,
                Optional.of(500), Optional.of("x".repeat(600)), Optional.empty(), WebhookAttemptOutcome.RETRY);
        outbox.complete(one.id(), "d", Optional.of(failed), new WebhookTransition.Retry(T0, "HTTP 500"));
        claimOf(tenant, "d", T0);
        WebhookAttempt refused = new WebhookAttempt("at-" + UUID.randomUUID(), one.id(), tenant, 2, T0.plusSeconds(1),
                0, Optional.empty(), Optional.empty(), Optional.of("connection refused"), WebhookAttemptOutcome.DEAD);
        outbox.complete(one.id(), "d", Optional.of(refused), new WebhookTransition.Dead(T0, "connection refused"));

        assertThat(outbox.attempts(tenant, one.id())).containsExactly(failed, refused);
        assertThat(failed.responseSnippet().orElseThrow()).hasSize(WebhookAttempt.MAX_SNIPPET);
        assertThat(outbox.attempts("another-tenant", one.id())).isEmpty();
        assertThat(outbox.list(tenant, a, Optional.empty(), Optional.empty(), 10)).extracting(WebhookDelivery::seq)
                .containsExactly(2L, 1L);
        assertThat(outbox.list(tenant, a, Optional.of(WebhookDeliveryState.DEAD), Optional.empty(), 10))
                .extracting(WebhookDelivery::id).containsExactly(one.id());
        assertThat(outbox.list(tenant, a, Optional.empty(), Optional.of(2L), 10)).extracting(WebhookDelivery::seq)
                .containsExactly(1L);
    }

    @Test
    void pruningRemovesOldFinishedDeliveriesWithTheirAttempts() {
        String tenant = RandomTenant.create(dataSource);
        String a = subscription(tenant);
        WebhookDelivery old = delivery(tenant, a, 1);
        WebhookDelivery waiting = delivery(tenant, a, 2);
        outbox.insert(old);
        outbox.insert(waiting);
        claimOf(tenant, "d", T0);
        outbox.complete(old.id(), "d", Optional.of(attempt(old, 1, WebhookAttemptOutcome.DELIVERED)),
                new WebhookTransition.Delivered(T0));

        outbox.prune(T0.plusSeconds(1), T0);

        assertThat(outbox.find(tenant, old.id())).isEmpty();
        assertThat(outbox.attempts(tenant, old.id())).isEmpty();
        assertThat(outbox.find(tenant, waiting.id())).isPresent();
    }

    /** Claims like a dispatcher would, keeping only this test's tenant (tests share one database). */
    private List<WebhookDelivery> claimOf(String tenant, String owner, Instant now) {
        return outbox.claim(owner, now, now.plusSeconds(30), 1_000).stream()
                .filter(d -> {
                    if (d.tenantId().equals(tenant)) {
                        return true;
                    }
                    outbox.complete(d.id(), owner, Optional.empty(), new WebhookTransition.Release("not mine"));
                    return false;
                })
                .toList();
    }

    private void completeAllOf(String tenant, String subscription) {
        for (WebhookDelivery d : outbox.list(tenant, subscription, Optional.of(WebhookDeliveryState.PENDING),
                Optional.empty(), 100)) {
            d.leaseOwner().ifPresent(owner ->
                    outbox.complete(d.id(), owner, Optional.empty(), new WebhookTransition.Delivered(T0)));
        }
    }

    private String subscription(String tenant) {
        WebhookSubscription subscription = WebhookSubscriptionsTest.subscription(tenant, "https://crm.example/");
        subscriptions.insert(subscription);
        return subscription.id();
    }

    private static WebhookDelivery delivery(String tenant, String subscription, long seq) {
        return WebhookDelivery.pending("dl-" + UUID.randomUUID(), tenant, subscription, seq, "ev-" + seq,
                "call.delivered", "{\"seq\":" + seq + "}", T0, Optional.empty());
    }

    private static WebhookAttempt attempt(WebhookDelivery delivery, int n, WebhookAttemptOutcome outcome) {
        return new WebhookAttempt("at-" + UUID.randomUUID(), delivery.id(), delivery.tenantId(), n, T0, 5,
                Optional.of(200), Optional.of("ok"), Optional.empty(), outcome);
    }
}
