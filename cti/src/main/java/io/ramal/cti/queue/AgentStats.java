package io.ramal.cti.queue;

import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An agent's queue calls: answered, handled (answered and ended) and the time spent on them from
 * answer to hang-up (wrap-up not included).
 */
public record AgentStats(String agentId, String username, long answered, long handled, Duration handlingTime) {

    public AgentStats {
        Identifiers.nonBlank(agentId, "agentId");
        Identifiers.nonBlank(username, "username");
        Objects.requireNonNull(handlingTime, "handlingTime");
    }

    /** The mean handling time of the handled calls, in seconds; empty before the first. */
    public OptionalDouble averageHandlingSeconds() {
        return handled == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(handlingTime.toMillis() / 1000.0 / handled);
    }

    /**
     * Each agent's numbers from the queue passages it answered ({@code calls} of one queue or several),
     * in the order of their first answer among them.
     */
    public static List<AgentStats> of(List<QueueCall> calls) {
        Map<String, AgentStats> agents = new LinkedHashMap<>();
        for (QueueCall call : calls) {
            call.answeredBy().ifPresent(by -> {
                Optional<Duration> handling = call.handling();
                agents.merge(by.agentId(), new AgentStats(by.agentId(), by.username(), 1, handling.isPresent() ? 1 : 0,
                        handling.orElse(Duration.ZERO)), AgentStats::plus);
            });
        }
        return List.copyOf(agents.values());
    }

    /** This agent's counts with {@code other}'s added (the same agent in another queue). */
    AgentStats plus(AgentStats other) {
        return new AgentStats(agentId, username, answered + other.answered, handled + other.handled,
                handlingTime.plus(other.handlingTime));
    }

    /** {@code {agent_id, username, calls_answered, calls_handled, handling_time_s, average_handling_s}}. */
    public Map<String, Object> toJson() {
        OptionalDouble average = averageHandlingSeconds();
        return JsonFields.create()
                .put("agent_id", agentId)
                .put("username", username)
                .put("calls_answered", answered)
                .put("calls_handled", handled)
                .put("handling_time_s", QueueStats.seconds(handlingTime))
                .put("average_handling_s", average.isPresent() ? QueueStats.round(average.getAsDouble()) : null)
                .build();
    }
}
