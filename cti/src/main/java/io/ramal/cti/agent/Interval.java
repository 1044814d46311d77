package io.ramal.cti.agent;

import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the interval ledger: a stretch of time an agent spent available, in one pause reason,
 * or logged out. Open while {@code endedAt} is empty.
 *
 * @param device    the device of the session (empty for a logged-out interval)
 * @param sessionId the login session (for a logged-out interval: the session that ended)
 * @param logon     how the session's device was named at login (empty for a logged-out interval)
 * @param reason    the pause reason as it was when the interval started (paused intervals only)
 * @param openedBy  who caused it: a user id, or {@code system}
 */
public record Interval(
        String id,
        String tenant,
        String agentId,
        String username,
        Optional<String> device,
        Optional<String> sessionId,
        Optional<Logon> logon,
        IntervalState state,
        Optional<PauseReason> reason,
        Instant startedAt,
        Optional<Instant> endedAt,
        Optional<IntervalEnd> endedBy,
        String openedBy) {

    /** The device as named at login, e.g. {@code ip 10.0.0.7}. */
    public record Logon(LogonKind kind, String value) {
        public Logon {
            Objects.requireNonNull(kind, "kind");
            Identifiers.nonBlank(value, "value");
        }
    }

    public Interval {
        Identifiers.nonBlank(id, "id");
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(agentId, "agentId");
        Identifiers.nonBlank(username, "username");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(logon, "logon");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(endedBy, "endedBy");
        Identifiers.nonBlank(openedBy, "openedBy");
        if ((state == IntervalState.PAUSED) != reason.isPresent()) {
            throw new IllegalArgumentException("a paused interval has a reason and no other has one");
        }
        if (endedAt.isPresent() != endedBy.isPresent()) {
            throw new IllegalArgumentException("endedAt and endedBy go together");
        }
    }

    public boolean open() {
        return endedAt.isEmpty();
    }

    public Interval closed(Instant at, IntervalEnd how) {
        return new Interval(id, tenant, agentId, username, device, sessionId, logon, state, reason, startedAt,
                Optional.of(at), Optional.of(how), openedBy);
    }

    /** The ledger row as JSON (the REST read of the ledger). */
    public Map<String, Object> toJson() {
        return JsonFields.create()
                .put("id", id)
                .put("agent_id", agentId)
                .put("username", username)
                .put("device", device)
                .put("session_id", sessionId)
                .put("state", state.wire())
                .put("reason", reason.map(PauseReason::toJson))
                .put("started_at", startedAt)
                .put("ended_at", endedAt)
                .put("ended_by", endedBy.map(IntervalEnd::wire))
                .put("duration_ms", endedAt.map(end -> end.toEpochMilli() - startedAt.toEpochMilli()))
                .put("opened_by", openedBy)
                .build();
    }
}
