package io.ramal.api.events;

import java.util.Map;

/**
 * A {@link SnapshotSource} for tests: the "state" is the head of the tenant's log itself, read
 * under the journal's lock as the contract asks.
 */
final class HeadSnapshots implements SnapshotSource {

    private final EventJournal journal;

    HeadSnapshots(EventJournal journal) {
        this.journal = journal;
    }

    @Override
    public Snapshot at(String tenant) {
        return journal.atomically(tenant, () -> {
            long seq = journal.head(tenant).lastSeq();
            return new Snapshot(seq, Map.of("tenant", tenant, "events_so_far", seq));
        });
    }
}
