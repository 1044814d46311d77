package io.ramal.api.calllog;

import io.ramal.store.CallRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides when a call is ready to be logged: its CDR is stored and every recording it started has
 * its WAV complete (or failed) — or the CDR has waited {@code maxWait} for them, then it is logged
 * as things are. Pure and synchronized: facts in (with the time they are known), calls to log out.
 */
final class CallLogBook {

    private record Key(String tenant, String callId) {}

    private static final class Pending {
        final Set<String> openRecordings = new HashSet<>();
        final Instant since;
        CallRecord cdr;
        Instant cdrAt;

        Pending(Instant since) {
            this.since = since;
        }
    }

    /** Recordings of calls whose CDR never comes are forgotten after this. */
    static final Duration FORGET_AFTER = Duration.ofHours(12);

    private final Duration maxWait;
    private final Map<Key, Pending> calls = new HashMap<>();
    private final Map<String, Key> recordings = new HashMap<>();

    CallLogBook(Duration maxWait) {
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
    }

    /** A recording of the call began: its WAV is waited for. */
    synchronized void recordingStarted(String tenant, String callId, String recordingId, Instant now) {
        Key key = new Key(tenant, callId);
        calls.computeIfAbsent(key, k -> new Pending(now)).openRecordings.add(recordingId);
        recordings.put(tenant + "\n" + recordingId, key);
    }

    /** The recording's WAV is complete or the recording failed: nothing more to wait for. */
    synchronized Optional<CallRecord> recordingSettled(String tenant, String recordingId) {
        Key key = recordings.remove(tenant + "\n" + recordingId);
        if (key == null) {
            return Optional.empty();
        }
        Pending pending = calls.get(key);
        if (pending == null) {
            return Optional.empty();
        }
        pending.openRecordings.remove(recordingId);
        return readyOrNot(key, pending);
    }

    /** The call's CDR is stored. */
    synchronized Optional<CallRecord> cdrStored(CallRecord cdr, Instant now) {
        Key key = new Key(cdr.tenantId(), cdr.id());
        Pending pending = calls.computeIfAbsent(key, k -> new Pending(now));
        pending.cdr = cdr;
        pending.cdrAt = now;
        return readyOrNot(key, pending);
    }

    /**
     * Calls whose CDR has waited {@code maxWait} for their recordings: logged now without them.
     * Also forgets recordings whose CDR never came.
     */
    synchronized List<CallRecord> overdue(Instant now) {
        List<CallRecord> due = new ArrayList<>();
        for (Iterator<Map.Entry<Key, Pending>> it = calls.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Pending> entry = it.next();
            Pending pending = entry.getValue();
            boolean late = pending.cdr != null && !now.isBefore(pending.cdrAt.plus(maxWait));
            boolean orphan = pending.cdr == null && !now.isBefore(pending.since.plus(FORGET_AFTER));
            if (late || orphan) {
                it.remove();
                pending.openRecordings.forEach(id -> recordings.remove(entry.getKey().tenant() + "\n" + id));
                if (late) {
                    due.add(pending.cdr);
                }
            }
        }
        return due;
    }

    synchronized int waiting() {
        return calls.size();
    }

    private Optional<CallRecord> readyOrNot(Key key, Pending pending) {
        if (pending.cdr == null || !pending.openRecordings.isEmpty()) {
            return Optional.empty();
        }
        calls.remove(key);
        return Optional.of(pending.cdr);
    }
}
