package io.ramal.cti.queue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The running counts of one queue and of its agents' calls (mutable; the distributor's alone). */
final class QueueTally {
    long entered;
    long answered;
    long answeredWithinServiceLevel;
    long abandoned;
    long overflowed;
    long timedOut;
    long refused;
    Duration totalAnswerWait = Duration.ZERO;
    private final Map<String, AgentStats> agents = new LinkedHashMap<>();

    void answered(String agentId, String username, Duration waited, Duration serviceLevel) {
        answered++;
        totalAnswerWait = totalAnswerWait.plus(waited);
        if (waited.compareTo(serviceLevel) <= 0) {
            answeredWithinServiceLevel++;
        }
        add(new AgentStats(agentId, username, 1, 0, Duration.ZERO));
    }

    void handled(String agentId, String username, Duration handling) {
        add(new AgentStats(agentId, username, 0, 1, handling));
    }

    long answeredBy(String agentId) {
        AgentStats stats = agents.get(agentId);
        return stats == null ? 0 : stats.answered();
    }

    List<AgentStats> agents() {
        return List.copyOf(agents.values());
    }

    private void add(AgentStats more) {
        agents.merge(more.agentId(), more, AgentStats::plus);
    }
}
