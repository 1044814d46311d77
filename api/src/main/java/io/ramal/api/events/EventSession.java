package io.ramal.api.events;

import io.ramal.api.auth.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connected event socket: who it belongs to once authenticated, until when, whether it
 * subscribed, and its {@link SocketWriter}. State changes come from the socket's own message
 * handler and from timers, hence the locking.
 */
final class EventSession {

    private final String id;
    private final Peer peer;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private SocketWriter writer;

    private Principal principal;
    private Instant expiresAt = Instant.MAX;
    private boolean holdsQuota;
    private boolean closed;
    private boolean subscribed;
    private int badMessages;
    private ScheduledFuture<?> authTimer;
    private ScheduledFuture<?> expiryTimer;

    EventSession(String id, Peer peer) {
        this.id = Objects.requireNonNull(id, "id");
        this.peer = Objects.requireNonNull(peer, "peer");
    }

    String id() {
        return id;
    }

    void attach(SocketWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    SocketWriter writer() {
        return writer;
    }

    synchronized Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    synchronized Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Records a successful auth or renewal; on first auth the caller has taken the user's quota,
     * which the session then holds. False (and nothing recorded) if the socket already closed.
     */
    synchronized boolean authenticated(Principal principal, Instant expiresAt) {
        if (closed) {
            return false;
        }
        if (this.principal == null) {
            holdsQuota = true;
        }
        this.principal = principal;
        this.expiresAt = expiresAt;
        return true;
    }

    /** Marks the session subscribed; false if it already was. */
    synchronized boolean markSubscribed() {
        if (subscribed) {
            return false;
        }
        subscribed = true;
        return true;
    }

    /** Counts one malformed message; returns how many so far. */
    synchronized int countBadMessage() {
        return ++badMessages;
    }

    synchronized void authTimer(ScheduledFuture<?> timer) {
        cancel(authTimer);
        authTimer = timer;
    }

    synchronized void expiryTimer(ScheduledFuture<?> timer) {
        cancel(expiryTimer);
        expiryTimer = timer;
    }

    boolean isClosing() {
        return closing.get();
    }

    /**
     * Closes at once (slow consumer, server error, shutdown): queued frames are dropped. Works
     * also after {@link #closeAfterQueued}, whose close may be stuck behind a client that stopped
     * reading.
     */
    void terminate(CloseCode code, String reason) {
        closing.set(true);
        if (terminated.compareAndSet(false, true)) {
            writer.stop();
            peer.close(code, reason);
        }
    }

    /** Closes after the frames already queued (an error op explaining why, for instance). */
    void closeAfterQueued(CloseCode code, String reason) {
        if (closing.compareAndSet(false, true)) {
            writer.closeAfterQueued(code, reason);
        }
    }

    /**
     * The socket is gone: stop writing, cancel timers. Returns the quota key to release, if this
     * session held one (only the first call returns it).
     */
    synchronized Optional<String> closed() {
        closed = true;
        closing.set(true);
        writer.stop();
        cancel(authTimer);
        cancel(expiryTimer);
        if (!holdsQuota) {
            return Optional.empty();
        }
        holdsQuota = false;
        return Optional.of(EventAccess.user(principal));
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
