package io.ramal.api.events;

import io.ramal.store.EventLogHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of one event socket: one thread takes frames, live events and commands from a
 * bounded queue, in order, and writes them to the {@link Peer}. It owns the subscription state
 * (shared only with the fast path below, under a flag), so history, snapshot and live events can
 * never interleave wrongly.
 *
 * <p><b>History → live without gap or duplicate.</b> On subscribe the writer first registers with
 * the fan-out (from then on every committed event also lands in this queue, behind the subscribe
 * command), then reads the log after the resume point up to its end. Because the journal commits
 * before it publishes, any event missing from that read is still to be published, hence queued;
 * any event both read and queued is dropped by its seq ({@code <= lastSeen}). A queued event that
 * is more than one ahead of {@code lastSeen} makes the writer read the missing ones from the log
 * first, so a client never sees a gap.
 *
 * <p><b>Fast path.</b> Once caught up, a live event that finds the queue empty, the writer idle
 * and room among the frames in flight is sent directly by the fan-out lane that delivers it, with
 * the same seq checks, instead of waking the writer thread: with thousands of sockets this halves
 * the cost of a delivery. Whoever handles items — the writer thread or a lane — first takes the
 * {@code owner} flag, so the subscription state is never touched by two threads at once and
 * frames keep their order. Anything the fast path cannot do at once (a gap to fill from the log, a
 * client that has not taken what it was sent yet) goes through the queue.
 *
 * <p>If the queue is full when something is offered, the client is too slow: the writer calls
 * {@code terminate} with {@link CloseCode#SLOW_CONSUMER} rather than drop anything.
 */
final class SocketWriter implements Fanout.Subscriber, Runnable {

    private sealed interface Item {}

    private record Text(String text) implements Item {}

    private record Live(JournalEvent event) implements Item {}

    private record Start(String tenant, Optional<Long> resumeFrom, EventFilter filter) implements Item {}

    private record Close(CloseCode code, String reason) implements Item {}

    /** Wakes a writer waiting for work so it sees that it stopped. */
    private record Wake() implements Item {}

    /** The socket failed while writing, or the client stopped reading. */
    private static final class PeerGone extends Exception {
        PeerGone(Throwable cause) {
            super(String.valueOf(cause.getMessage()), cause, false, false);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SocketWriter.class);
    private static final int MAX_BATCH = 128;
    private static final int MAX_IN_FLIGHT = 128;
    /** A client that takes longer than this to accept one batch of frames is treated as gone. */
    private static final long WRITE_TIMEOUT_SECONDS = 60;

    private final Peer peer;
    private final EventJournal journal;
    private final SnapshotSource snapshots;
    private final int pageSize;
    private final Mailbox<Item> queue;
    private final Consumer<CloseCode> terminate;
    private volatile boolean stopped;
    /** Subscribed and caught up with the log: a lane may send live events itself. */
    private volatile boolean live;
    /** Held by whichever thread handles items or live events; guards the fields below it. */
    private final AtomicBoolean owner = new AtomicBoolean();
    private volatile Fanout.Registration registration;

    private final List<Item> batch = new ArrayList<>(MAX_BATCH); // the writer thread's
    /** Frames handed to the peer and not yet written: at most {@value #MAX_IN_FLIGHT}. */
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private volatile Throwable writeFailure;

    // Touched only by the thread holding owner (the writer, or a lane on the fast path).
    private String tenant;
    private EventFilter filter = EventFilter.ALL;
    private long lastSeen;

    SocketWriter(Peer peer, EventJournal journal, SnapshotSource snapshots, int queueCapacity, int pageSize,
            Consumer<CloseCode> terminate) {
        this.peer = Objects.requireNonNull(peer, "peer");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.queue = new Mailbox<>(queueCapacity);
        this.pageSize = pageSize;
        this.terminate = Objects.requireNonNull(terminate, "terminate");
    }

    void start(ThreadFactory threads) {
        threads.newThread(this).start();
    }

    /** Queues a control frame (hello, pong, error…). */
    void text(String text) {
        offer(new Text(text));
    }

    /** Queues the subscription; the writer replays from {@code resumeFrom} (or a snapshot), then goes live. */
    void subscribe(String tenant, Optional<Long> resumeFrom, EventFilter filter) {
        offer(new Start(tenant, resumeFrom, filter));
    }

    /** Closes the socket after what is queued so far has been written. */
    void closeAfterQueued(CloseCode code, String reason) {
        if (!queue.offer(new Close(code, reason))) {
            stop();
            peer.close(code, reason);
        }
    }

    /** From a fan-out lane: sends the event at once if nothing is ahead of it, else queues it. Never blocks. */
    @Override
    public void deliver(JournalEvent event) {
        if (stopped) {
            return;
        }
        if (live && queue.isEmpty() && owner.compareAndSet(false, true)) {
            boolean sent;
            try {
                sent = queue.isEmpty() && tryLiveNow(event);
            } finally {
                owner.set(false);
            }
            if (sent) {
                return;
            }
        }
        offer(new Live(event));
    }

    /**
     * Stops at once: no more fan-out, queued items are dropped, the thread ends after what it is
     * writing now (a closed socket fails that write). Idempotent. The thread is not interrupted:
     * it may be in a database call, and an interrupt would break the pooled connection.
     */
    void stop() {
        stopped = true;
        Fanout.Registration current = registration;
        if (current != null) {
            current.close();
        }
        queue.clear();
        queue.force(new Wake());
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                batch.clear();
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                takeOwnership();
                try {
                    for (Item item : batch) {
                        if (stopped) {
                            return;
                        }
                        handle(item);
                    }
                } finally {
                    owner.set(false);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
        } catch (PeerGone e) {
            LOG.atDebug().addKeyValue("cause", e.getMessage()).log("event socket write failed");
            if (e.getCause() instanceof TimeoutException) {
                terminate.accept(CloseCode.SLOW_CONSUMER); // a failed write closes by itself; a stalled one does not
            }
        } catch (RuntimeException e) {
            // The database or the snapshot source failed: the client must reconnect and resume.
            LOG.atWarn().setCause(e).addKeyValue("tenant", tenant).log("event socket writer failed");
            terminate.accept(CloseCode.SERVER_ERROR);
        } finally {
            stop();
        }
    }

    /** Waits for a lane to finish its one non-blocking send, if it is in the middle of one. */
    private void takeOwnership() {
        for (int spins = 0; !owner.compareAndSet(false, true); spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // the lane's thread was descheduled: let others run meanwhile
            }
        }
    }

    private void offer(Item item) {
        if (stopped) {
            return;
        }
        if (!queue.offer(item)) {
            terminate.accept(CloseCode.SLOW_CONSUMER);
        }
    }

    private void handle(Item item) throws InterruptedException, PeerGone {
        switch (item) {
            case Text text -> send(text.text());
            case Live queued -> live(queued.event());
            case Start start -> start(start);
            case Close close -> {
                flush();
                stopped = true;
                peer.close(close.code(), close.reason());
            }
            case Wake wake -> { }
        }
    }

    private void start(Start start) throws InterruptedException, PeerGone {
        tenant = start.tenant();
        filter = start.filter();
        registration = journal.subscribe(tenant, this);
        if (stopped) {
            registration.close();
            return;
        }
        send(ServerOps.subscribed(start.resumeFrom(), filter));
        EventLogHead head = journal.head(tenant);
        if (start.resumeFrom().isPresent() && head.canResumeAfter(start.resumeFrom().get())) {
            lastSeen = start.resumeFrom().get();
        } else {
            sendSnapshot();
        }
        catchUp(Long.MAX_VALUE);
        live = true;
    }

    private void live(JournalEvent event) throws InterruptedException, PeerGone {
        if (event.seq() <= lastSeen) {
            return; // already sent from the log (or covered by the snapshot)
        }
        if (event.seq() > lastSeen + 1) {
            LOG.atDebug().addKeyValue("tenant", tenant).addKeyValue("from", lastSeen + 1)
                    .addKeyValue("to", event.seq() - 1).log("filling a gap in live events from the log");
            catchUp(event.seq() - 1);
            if (event.seq() <= lastSeen) {
                return;
            }
        }
        accept(event);
    }

    /**
     * The fast path, with {@code owner} held: true if the event was dealt with (sent, filtered
     * out, or already sent), false if the writer thread must take it (a gap before it, a failed
     * socket, or no room among the frames in flight).
     */
    private boolean tryLiveNow(JournalEvent event) {
        if (event.seq() <= lastSeen) {
            return true;
        }
        if (event.seq() != lastSeen + 1 || writeFailure != null) {
            return false;
        }
        if (!filter.matches(event)) {
            lastSeen = event.seq();
            return true;
        }
        if (!inFlight.tryAcquire()) {
            return false;
        }
        lastSeen = event.seq();
        write(event.frame());
        return true;
    }

    /** Sends the stored events after {@code lastSeen} up to {@code until} (or the end of the log). */
    private void catchUp(long until) throws InterruptedException, PeerGone {
        boolean justSnapshotted = false;
        while (lastSeen < until) {
            int limit = (int) Math.min(pageSize, until - lastSeen);
            List<JournalEvent> page = journal.after(tenant, lastSeen, limit);
            if (page.isEmpty()) {
                return;
            }
            if (page.getFirst().seq() != lastSeen + 1) {
                // Retention removed events we still needed while we were reading.
                if (justSnapshotted) {
                    throw new IllegalStateException("the snapshot source returned seq " + lastSeen
                            + " but the log no longer holds " + (lastSeen + 1));
                }
                sendSnapshot();
                justSnapshotted = true;
                continue;
            }
            justSnapshotted = false;
            for (JournalEvent event : page) {
                accept(event);
            }
            if (page.size() < limit) {
                return;
            }
        }
    }

    private void sendSnapshot() throws InterruptedException, PeerGone {
        Snapshot snapshot = snapshots.at(tenant);
        send(ServerOps.snapshot(snapshot));
        lastSeen = snapshot.seq();
    }

    private void accept(JournalEvent event) throws InterruptedException, PeerGone {
        lastSeen = event.seq();
        if (filter.matches(event)) {
            send(event.frame());
        }
    }

    /**
     * Hands a frame to the peer without waiting for it to be written, unless
     * {@value #MAX_IN_FLIGHT} frames are already on their way: then the client's reading speed
     * holds the writer back (and its queue fills up, which ends in {@link CloseCode#SLOW_CONSUMER}).
     */
    private void send(String text) throws InterruptedException, PeerGone {
        checkWrites();
        if (!inFlight.tryAcquire(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new PeerGone(new TimeoutException("no frame written for " + WRITE_TIMEOUT_SECONDS + " s"));
        }
        write(text);
    }

    /** Hands a frame to the peer; the caller holds one {@code inFlight} permit, returned once it is written. */
    private void write(String text) {
        peer.send(text).whenComplete((written, failure) -> {
            if (failure != null) {
                writeFailure = failure;
            }
            inFlight.release();
        });
    }

    /** Waits until every frame handed to the peer is written. */
    private void flush() throws InterruptedException, PeerGone {
        if (!inFlight.tryAcquire(MAX_IN_FLIGHT, WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new PeerGone(new TimeoutException("frames not written for " + WRITE_TIMEOUT_SECONDS + " s"));
        }
        inFlight.release(MAX_IN_FLIGHT);
        checkWrites();
    }

    private void checkWrites() throws PeerGone {
        Throwable failure = writeFailure;
        if (failure != null) {
            throw new PeerGone(failure);
        }
    }
}
