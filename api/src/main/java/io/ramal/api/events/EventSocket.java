package io.ramal.api.events;

import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import io.ramal.api.ApiError;
import io.ramal.api.auth.BearerVerifier;
import io.ramal.api.auth.BearerVerifier.Verification;
import io.ramal.api.auth.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event stream WebSocket at {@value #PATH}: authenticates the client (bearer header,
 * {@code access_token} query parameter, or an auth op within the auth timeout), greets it, and
 * streams its tenant's events from a resume point or a snapshot, then live — see
 * {@code docs/events-websocket.md}. Each socket has one {@link SocketWriter} (a virtual thread)
 * that writes everything it is sent in order.
 *
 * <p>{@link #addTo} registers the route and starts the heartbeat; {@link #close} stops the
 * heartbeat and closes every socket with {@link CloseCode#GOING_AWAY}.
 */
public final class EventSocket implements AutoCloseable {

    public static final String PATH = "/api/v1/events";

    private static final Logger LOG = LoggerFactory.getLogger(EventSocket.class);
    private static final Duration LONGEST_TIMER = Duration.ofDays(1);

    private final EventSocketConfig config;
    private final BearerVerifier verifier;
    private final EventJournal journal;
    private final SnapshotSource snapshots;
    private final ScheduledExecutorService scheduler;
    private final InstantSource clock;
    private final ThreadFactory writers = Thread.ofVirtual().name("ramal-events-writer-", 0).factory();
    private final SocketQuota quota;
    private final Map<String, EventSession> sessions = new ConcurrentHashMap<>();
    private ScheduledFuture<?> heartbeat;
    private volatile SocketPresence presence = SocketPresence.NONE;

    /**
     * @param scheduler runs the heartbeat, auth and expiry timers and cuts sockets that do not
     *                  close in time; not shut down by this class
     * @param clock     the time tokens are checked against
     */
    public EventSocket(EventSocketConfig config, BearerVerifier verifier, EventJournal journal,
            SnapshotSource snapshots, ScheduledExecutorService scheduler, InstantSource clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.quota = new SocketQuota(config.maxSocketsPerUser());
    }

    /** Registers {@value #PATH} on the routes and starts the heartbeat (once). */
    public synchronized void addTo(RoutesConfig routes) {
        routes.ws(PATH, ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(this::message);
            ws.onBinaryMessage(ctx -> session(ctx).ifPresent(session ->
                    session.closeAfterQueued(CloseCode.BAD_MESSAGES, "binary frames are not accepted")));
            ws.onClose(ctx -> closed(ctx.sessionId()));
            ws.onError(ctx -> LOG.atDebug().setCause(ctx.error()).log("event socket error"));
        });
        if (heartbeat == null) {
            long period = config.heartbeat().toMillis();
            heartbeat = scheduler.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Who is told when a user's count of authenticated sockets changes. */
    public void presence(SocketPresence listener) {
        this.presence = Objects.requireNonNull(listener, "listener");
    }

    /** How many sockets are connected now. */
    public int openSockets() {
        return sessions.size();
    }

    @Override
    public synchronized void close() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
            heartbeat = null;
        }
        for (EventSession session : sessions.values()) {
            session.terminate(CloseCode.GOING_AWAY, CloseCode.GOING_AWAY.reason());
        }
    }

    private void connected(WsConnectContext ctx) {
        Peer peer = new JettyPeer(ctx.session, scheduler, config.closeGrace());
        EventSession session = new EventSession(ctx.sessionId(), peer);
        SocketWriter writer = new SocketWriter(peer, journal,
                snapshots, config.queueCapacity(), config.historyPageSize(),
                code -> session.terminate(code, code.reason()));
        session.attach(writer);
        sessions.put(session.id(), session);
        writer.start(writers);
        writer.text(ServerOps.hello(config.serverVersion(), config.heartbeat().toMillis(),
                config.authTimeout().toMillis(), session.id()));
        Optional<String> credential = credential(ctx);
        if (credential.isPresent()) {
            authenticate(session, credential.get());
        } else {
            session.authTimer(scheduler.schedule(() -> {
                if (session.principal().isEmpty()) {
                    refuse(session, CloseCode.UNAUTHORIZED, "auth_timeout", "no credential within the auth timeout");
                }
            }, config.authTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    private void message(WsMessageContext ctx) {
        Optional<EventSession> found = session(ctx);
        if (found.isEmpty()) {
            return;
        }
        EventSession session = found.get();
        switch (ClientMessage.parse(ctx.message())) {
            case ClientMessage.Auth auth -> authenticate(session, auth.token());
            case ClientMessage.Subscribe subscribe -> subscribe(session, subscribe);
            case ClientMessage.Ping ignored -> session.writer().text(ServerOps.PONG);
            case ClientMessage.Pong ignored -> { }
            case ClientMessage.Malformed malformed -> {
                error(session, malformed.code(), malformed.message());
                if (session.countBadMessage() >= config.maxBadMessages()) {
                    session.closeAfterQueued(CloseCode.BAD_MESSAGES, "too many bad messages");
                }
            }
        }
    }

    private void subscribe(EventSession session, ClientMessage.Subscribe subscribe) {
        Optional<Principal> principal = session.principal();
        if (principal.isEmpty()) {
            error(session, "unauthenticated", "send an auth op before subscribing");
        } else if (!session.markSubscribed()) {
            error(session, "already_subscribed", "this socket is already subscribed; open another to change filters");
        } else {
            session.writer().subscribe(principal.get().tenantId(), subscribe.resumeFrom(), subscribe.filter());
        }
    }

    private void authenticate(EventSession session, String credential) {
        Verification verification = verifier.verify(credential, clock.instant());
        Optional<Principal> current = session.principal();
        switch (verification) {
            case Verification.Rejected rejected -> {
                if (current.isEmpty()) {
                    refuse(session, CloseCode.UNAUTHORIZED, rejected.code(), rejected.message());
                } else {
                    // A failed renewal leaves the session as it was, until its current expiry.
                    error(session, rejected.code(), rejected.message());
                }
            }
            case Verification.Valid valid -> accept(session, current, valid);
        }
    }

    private void accept(EventSession session, Optional<Principal> current, Verification.Valid valid) {
        Principal principal = valid.principal();
        if (!EventAccess.mayRead(principal)) {
            String message = "this credential may not read events (an API key needs the "
                    + EventAccess.SCOPE + " scope)";
            if (current.isEmpty()) {
                refuse(session, CloseCode.FORBIDDEN, "forbidden", message);
            } else {
                error(session, "forbidden", message);
            }
            return;
        }
        if (current.isPresent() && !samePrincipal(current.get(), principal)) {
            error(session, "principal_mismatch", "a renewal must be for the same user of the same tenant");
            return;
        }
        if (current.isEmpty()) {
            String user = EventAccess.user(principal);
            if (!quota.tryAcquire(user)) {
                refuse(session, CloseCode.TOO_MANY_SOCKETS, "too_many_sockets",
                        "this user already has " + config.maxSocketsPerUser() + " event sockets open");
                return;
            }
            if (!session.authenticated(principal, valid.expiresAt())) {
                quota.release(user); // closed meanwhile
                return;
            }
            session.authTimer(null);
            presence.changed(principal.tenantId(), principal.userId(), quota.held(user));
        } else {
            session.authenticated(principal, valid.expiresAt());
        }
        scheduleExpiry(session);
        Optional<Instant> expiresAt = valid.expiresAt().equals(Instant.MAX)
                ? Optional.empty() : Optional.of(valid.expiresAt());
        session.writer().text(ServerOps.authenticated(principal, expiresAt));
    }

    private void scheduleExpiry(EventSession session) {
        Instant expiresAt = session.expiresAt();
        if (expiresAt.equals(Instant.MAX)) {
            session.expiryTimer(null);
            return;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        if (left.isNegative()) {
            left = Duration.ZERO;
        }
        Duration wait = left.compareTo(LONGEST_TIMER) > 0 ? LONGEST_TIMER : left;
        session.expiryTimer(scheduler.schedule(() -> {
            if (clock.instant().isBefore(session.expiresAt())) {
                scheduleExpiry(session); // renewed, or a long wait in steps
            } else {
                refuse(session, CloseCode.TOKEN_EXPIRED, "token_expired", "the session's token expired");
            }
        }, wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void beat() {
        String ping = ServerOps.ping(clock.instant());
        for (EventSession session : sessions.values()) {
            if (!session.isClosing() && session.principal().isPresent()) {
                session.writer().text(ping);
            }
        }
    }

    private void closed(String sessionId) {
        EventSession session = sessions.remove(sessionId);
        if (session != null) {
            session.closed().ifPresent(user -> {
                quota.release(user);
                int split = user.indexOf('\u0000');
                presence.changed(user.substring(0, split), user.substring(split + 1), quota.held(user));
            });
        }
    }

    /** Explains with an error op, then closes with {@code code}. */
    private static void refuse(EventSession session, CloseCode code, String errorCode, String message) {
        error(session, errorCode, message);
        session.closeAfterQueued(code, errorCode);
    }

    private static void error(EventSession session, String code, String message) {
        session.writer().text(ServerOps.error(new ApiError(code, message)));
    }

    private Optional<EventSession> session(WsContext ctx) {
        return Optional.ofNullable(sessions.get(ctx.sessionId()));
    }

    private static boolean samePrincipal(Principal a, Principal b) {
        return a.tenantId().equals(b.tenantId()) && a.userId().equals(b.userId());
    }

    /** {@code Authorization: Bearer …} at the upgrade, else the {@code access_token} query parameter. */
    private static Optional<String> credential(WsContext ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.length() > 7 && header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            String token = header.substring(7).strip();
            if (!token.isEmpty()) {
                return Optional.of(token);
            }
        }
        String query = ctx.queryParam("access_token");
        return query == null || query.isBlank() ? Optional.empty() : Optional.of(query);
    }
}
