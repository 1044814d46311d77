package io.ramal.api.events;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** A {@link Peer} over Jetty's WebSocket session (the one Javalin's context carries). */
final class JettyPeer implements Peer {

    private final Session session;
    private final ScheduledExecutorService scheduler;
    private final Duration closeGrace;

    JettyPeer(Session session, ScheduledExecutorService scheduler, Duration closeGrace) {
        this.session = Objects.requireNonNull(session, "session");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.closeGrace = Objects.requireNonNull(closeGrace, "closeGrace");
    }

    @Override
    public CompletableFuture<Void> send(String text) {
        Callback.Completable written = new Callback.Completable();
        try {
            session.sendText(text, written);
        } catch (RuntimeException e) { // Jetty throws rather than fails the callback on some closed states
            written.fail(e);
        }
        return written;
    }

    @Override
    public void close(CloseCode code, String reason) {
        if (!session.isOpen()) {
            return;
        }
        session.close(code.code(), reason, Callback.NOOP);
        // A client that stopped reading never receives the close frame: cut it after the grace period.
        // (Jetty's isOpen() turns false as soon as our close frame is queued, so do not ask it;
        // disconnecting a socket that already closed does nothing.)
        scheduler.schedule(session::disconnect, closeGrace.toMillis(), TimeUnit.MILLISECONDS);
    }
}
