package io.ramal.api.events;

/**
 * Where the event stream gets the state it sends a client that starts without history (no
 * {@code resume_from}, or one older than retention).
 *
 * <p><b>Contract.</b> {@link #at} returns the tenant's state together with the seq it is valid at,
 * taken <em>atomically with respect to appends</em>: no event of the tenant may be appended
 * between reading the state and reading the seq. The way to get this is to hold the tenant's
 * journal lock: whoever changes the state applies a change and appends its events inside
 * {@link EventJournal#atomically}, and the source reads both inside it too:
 *
 * <pre>{@code
 * // producer (the CTI core): state change and its events, one atomic step
 * journal.atomically(tenant, () -> {
 *     List<NewEvent> events = state.apply(fact);
 *     journal.appendAll(tenant, events);
 *     return null;
 * });
 * // source
 * public Snapshot at(String tenant) {
 *     return journal.atomically(tenant, () -> new Snapshot(journal.head(tenant).lastSeq(), state.copy()));
 * }
 * }</pre>
 *
 * Then every event with seq &le; the snapshot's seq is reflected in its data, and every later event
 * is delivered after the snapshot, so a client neither misses nor double-applies a change.
 * Implementations must be thread-safe, fast (they run while the tenant's appends wait) and must
 * never return another tenant's data.
 */
@FunctionalInterface
public interface SnapshotSource {

    Snapshot at(String tenant);
}
