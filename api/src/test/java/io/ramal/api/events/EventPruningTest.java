package io.ramal.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ramal.store.EventDraft;
import io.ramal.store.EventLog;
import io.ramal.store.EventRetention;
import io.ramal.store.Tenant;
import io.ramal.store.Tenants;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class EventPruningTest {

    @Test
    void prunesEveryTenantOnSchedule() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (ScratchDatabase scratch = ScratchDatabase.sqlite()) {
            var dataSource = scratch.open().dataSource();
            new Tenants(dataSource).save(new Tenant("acme", "Acme", Instant.EPOCH));
            EventLog log = new EventLog(dataSource, InstantSource.system());
            for (int i = 0; i < 5; i++) {
                log.append("acme", new EventDraft("call.delivered", Optional.empty(), Optional.empty(), "{}"));
            }

            try (EventPruning pruning = new EventPruning(log, EventRetention.ofMaxEvents(2), scheduler,
                    Duration.ofMillis(50))) {
                pruning.start();
                await().atMost(Duration.ofSeconds(5)).until(() -> log.head("acme").prunedThrough() == 3);
                log.append("acme", new EventDraft("call.established", Optional.empty(), Optional.empty(), "{}"));
                await().atMost(Duration.ofSeconds(5)).until(() -> log.head("acme").prunedThrough() == 4);
            }

            assertThat(log.head("acme").oldestRetained()).isEqualTo(5);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
