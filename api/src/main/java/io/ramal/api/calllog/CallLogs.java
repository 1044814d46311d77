package io.ramal.api.calllog;

import io.ramal.api.events.EventJournal;
import io.ramal.store.CallRecord;
import io.ramal.store.Recording;
import io.ramal.store.Recordings;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends a {@code cdr.created} event for each ended call once its CDR is stored and its
 * recordings' WAV files are complete (at most {@code maxWait} after the CDR). The PBX side reports
 * the facts: {@link #recordingStarted} when a recording begins (before the call ends),
 * {@link #recordingSettled} once its WAV (or its failure) is in the recordings index, and
 * {@link #cdrStored} once the CDR is written. Events are appended on one thread of their own.
 */
public final class CallLogs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallLogs.class);

    private final EventJournal journal;
    private final Recordings recordings;
    private final InstantSource clock;
    private final CallLogBook book;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("call-log").factory());
    private final ScheduledFuture<?> sweep;

    /**
     * @param maxWait   how long a stored CDR waits for its recordings' WAV files
     * @param scheduler checks for CDRs that waited long enough (every second)
     */
    public CallLogs(EventJournal journal, Recordings recordings, InstantSource clock, Duration maxWait,
            ScheduledExecutorService scheduler) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.recordings = Objects.requireNonNull(recordings, "recordings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.book = new CallLogBook(maxWait);
        this.sweep = scheduler.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    /** A recording of the call began (reported before the call's CDR). */
    public void recordingStarted(String tenant, String callId, String recordingId) {
        book.recordingStarted(tenant, callId, recordingId, clock.instant());
    }

    /** The recording's WAV is complete in the index, or the recording failed. */
    public void recordingSettled(String tenant, String recordingId) {
        book.recordingSettled(tenant, recordingId).ifPresent(this::log);
    }

    /** The call's CDR is stored. */
    public void cdrStored(CallRecord cdr) {
        book.cdrStored(cdr, clock.instant()).ifPresent(this::log);
    }

    private void sweep() {
        try {
            book.overdue(clock.instant()).forEach(this::log);
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).log("call log sweep failed");
        }
    }

    private void log(CallRecord cdr) {
        try {
            writer.execute(() -> append(cdr));
        } catch (RejectedExecutionException e) {
            LOG.atWarn().addKeyValue("call", cdr.id()).log("stopping: cdr.created not appended");
        }
    }

    private void append(CallRecord cdr) {
        try {
            List<Recording> ofCall = recordings.ofCall(cdr.tenantId(), cdr.id());
            journal.append(cdr.tenantId(), CdrCreated.TYPE, Optional.of(cdr.id()), Optional.empty(),
                    CdrCreated.fields(cdr, ofCall));
        } catch (RuntimeException e) {
            LOG.atError().setCause(e).addKeyValue("tenant", cdr.tenantId()).addKeyValue("call", cdr.id())
                    .log("cdr.created could not be stored");
        }
    }

    @Override
    public void close() {
        sweep.cancel(false);
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
