package io.ramal.cti.agent;

import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One agent as the roster knows it now: its session (if logged in), its state and the interval it
 * is in, a pause waiting for the current call to end, and whether its client is connected.
 */
public record AgentView(
        String agentId,
        String username,
        IntervalState state,
        Optional<Session> session,
        Optional<PauseReason> reason,
        String intervalId,
        Instant since,
        Optional<PendingPause> pendingPause,
        boolean clientConnected) {

    /** A login: the device it holds and how the device was named. */
    public record Session(String id, String device, Interval.Logon logon, Instant loggedInAt) {
        public Session {
            Identifiers.nonBlank(id, "id");
            Identifiers.nonBlank(device, "device");
            Objects.requireNonNull(logon, "logon");
            Objects.requireNonNull(loggedInAt, "loggedInAt");
        }
    }

    /** A pause that starts when the device's current call ends. */
    public record PendingPause(PauseReason reason, Instant requestedAt) {
        public PendingPause {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(requestedAt, "requestedAt");
        }
    }

    public AgentView {
        Identifiers.nonBlank(agentId, "agentId");
        Identifiers.nonBlank(username, "username");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(reason, "reason");
        Identifiers.nonBlank(intervalId, "intervalId");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(pendingPause, "pendingPause");
    }

    public Optional<String> device() {
        return session.map(Session::device);
    }

    /**
     * {@code {agent_id, username, state, device, session_id, logon, logged_in_at, reason, interval_id,
     * since, pending_pause, client_connected}}.
     */
    public Map<String, Object> toJson() {
        return JsonFields.create()
                .put("agent_id", agentId)
                .put("username", username)
                .put("state", state.wire())
                .put("device", device())
                .put("session_id", session.map(Session::id))
                .put("logon", session.map(s -> JsonFields.create().put("type", s.logon().kind().wire())
                        .put("value", s.logon().value()).build()))
                .put("logged_in_at", session.map(Session::loggedInAt))
                .put("reason", reason.map(PauseReason::toJson))
                .put("interval_id", intervalId)
                .put("since", since)
                .put("pending_pause", pendingPause.map(p -> JsonFields.create().put("reason", p.reason().toJson())
                        .put("requested_at", p.requestedAt()).build()))
                .put("client_connected", clientConnected)
                .build();
    }
}
