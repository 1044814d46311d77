package io.ramal.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ramal.store.Database;
import io.ramal.store.WebhookDelivery;
import io.ramal.store.WebhookDeliveryState;
import io.ramal.store.testing.Backend;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A dispatcher dies in the middle of a delivery ({@code kill -9}: no graceful close, nothing more
 * reaches the database); a new dispatcher on the same database delivers everything that was
 * pending, in order, repeating only the interrupted delivery under its own delivery id.
 */
class WebhookCrashRecoveryTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aNewDispatcherDeliversEverythingAKilledOneLeftPending(Backend backend) throws Exception {
        try (WebhookHarness harness = new WebhookHarness(backend, WebhookHarness.fastConfig(1_000));
                RecordingReceiver receiver = RecordingReceiver.start()) {
            harness.startApi(() -> {});
            String tenant = harness.tenant();
            String webhook = harness.call("POST", "/api/v1/webhooks", tenant, "ADMIN",
                    "{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/hook") + "\"}").json()
                    .get("id").asText();
            CountDownLatch victimArrived = new CountDownLatch(1);
            CountDownLatch releaseVictim = new CountDownLatch(1);
            AtomicBoolean firstVictim = new AtomicBoolean(true);
            List<Map.Entry<String, Map<String, Object>>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.addAll(WebhookDeliveryTest.inboundAnsweredCall("c-" + i));
            }

            // the "process" that dies: its own connection pool and dispatcher
            Database doomedPool = harness.scratch.open();
            WebhookDispatcher doomed = WebhookDispatcher.start(
                    new Webhooks(doomedPool.dataSource(), InstantSource.system(), WebhookHarness.fastConfig(1_000)),
                    harness.guard);
            List<WebhookEvent> events = harness.append(tenant, calls);
            long victim = events.get(2).seq();
            receiver.respondWith(request -> {
                if (request.seq() == victim && firstVictim.getAndSet(false)) {
                    victimArrived.countDown();
                    hold(releaseVictim);
                }
                return 200;
            });
            doomed.wake();

            assertThat(victimArrived.await(15, TimeUnit.SECONDS)).isTrue();
            doomedPool.close(); // kill -9: from here on nothing of the old dispatcher reaches the database
            releaseVictim.countDown(); // the receiver even accepts the request the dead dispatcher sent
            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.accepted().size() == 3);

            WebhookDispatcher successor = harness.startDispatcher(); // closed with the harness
            try {
                successor.wake();
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == events.size() + 1);
            } finally {
                doomed.close();
            }

            List<Long> accepted = receiver.accepted().stream().map(RecordingReceiver.Received::seq).toList();
            assertThat(accepted.stream().distinct().toList())
                    .containsExactlyElementsOf(events.stream().map(WebhookEvent::seq).toList());
            assertThat(accepted.stream().filter(seq -> seq == victim)).as("only the interrupted one repeats").hasSize(2);
            Map<Long, List<String>> idsBySeq = receiver.received().stream().collect(Collectors.groupingBy(
                    RecordingReceiver.Received::seq,
                    Collectors.mapping(RecordingReceiver.Received::deliveryId, Collectors.toList())));
            assertThat(idsBySeq.get(victim)).hasSize(2).containsOnly(idsBySeq.get(victim).getFirst());
            // The receiver sees a request before the dispatcher records its answer: wait for the record.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(harness.webhooks.outbox().list(tenant, webhook, Optional.empty(), Optional.empty(), 100))
                            .extracting(WebhookDelivery::state).hasSize(events.size())
                            .containsOnly(WebhookDeliveryState.DELIVERED));
        }
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
