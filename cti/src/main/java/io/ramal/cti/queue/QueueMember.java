package io.ramal.cti.queue;

import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent's membership of one queue (TotalVoice {@code entrarNaFila}): its priority tier (lower is
 * offered calls first) and whether it is paused in this queue ({@code pausarNaFila}), which keeps
 * the queue's calls from it whatever its agent state.
 */
public record QueueMember(String queue, String agentId, String username, int priority, Instant joinedAt,
        Optional<Pause> pause) {

    /** A pause in one queue: an optional free-text reason, and since when. */
    public record Pause(Optional<String> reason, Instant since) {
        public Pause {
            Identifiers.nonBlank(reason, "reason");
            Objects.requireNonNull(since, "since");
        }
    }

    public static final int MIN_PRIORITY = 0;
    public static final int MAX_PRIORITY = 100;

    public QueueMember {
        Identifiers.nonBlank(queue, "queue");
        Identifiers.nonBlank(agentId, "agentId");
        Identifiers.nonBlank(username, "username");
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority must be " + MIN_PRIORITY + "-" + MAX_PRIORITY + ": "
                    + priority);
        }
        Objects.requireNonNull(joinedAt, "joinedAt");
        Objects.requireNonNull(pause, "pause");
    }

    public boolean paused() {
        return pause.isPresent();
    }

    /** {@code {queue, agent_id, username, priority, joined_at, paused, pause_reason, paused_since}}. */
    public Map<String, Object> toJson() {
        return JsonFields.create()
                .put("queue", queue)
                .put("agent_id", agentId)
                .put("username", username)
                .put("priority", priority)
                .put("joined_at", joinedAt)
                .put("paused", paused())
                .put("pause_reason", pause.flatMap(Pause::reason))
                .put("paused_since", pause.map(Pause::since))
                .build();
    }
}
