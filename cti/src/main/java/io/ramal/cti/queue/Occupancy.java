package io.ramal.cti.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the tenant's agents are doing with queue calls: the call each answered and is on, the wrap-up
 * each is in after one, and since when each has been ready for the next (for longest idle). Mutable;
 * the distributor's alone.
 */
final class Occupancy {

    /** A queue call an agent answered and is on. */
    record Engagement(String callId, String queue, QueueCaller.Ringing agent, Instant answeredAt) {}

    private final Map<String, Engagement> engaged = new HashMap<>();
    private final Map<String, Instant> wrapUntil = new HashMap<>();
    private final Map<String, Instant> readySince = new HashMap<>();

    /** The agent answered {@code callId} of {@code queue}. */
    void answered(QueueCaller.Ringing agent, String callId, String queue, Instant at) {
        engaged.put(agent.agentId(), new Engagement(callId, queue, agent, at));
    }

    /**
     * The queue call {@code callId} ended: its agent (if an agent was still on it) wraps up for
     * {@code wrapUp} of its queue; the engagement it ended is returned.
     */
    Optional<Engagement> ended(String callId, Instant at, Function<String, Duration> wrapUpOf) {
        return release(engaged.values().stream().filter(e -> e.callId().equals(callId)).findFirst(), at, wrapUpOf);
    }

    /**
     * {@code device} left the queue call {@code callId} (the call may go on without it): the agent who
     * answered it there wraps up from {@code at}, as when the call ends; the engagement it ended is
     * returned.
     */
    Optional<Engagement> left(String callId, String device, Instant at, Function<String, Duration> wrapUpOf) {
        return release(engaged.values().stream()
                .filter(e -> e.callId().equals(callId) && e.agent().device().equals(device)).findFirst(), at, wrapUpOf);
    }

    private Optional<Engagement> release(Optional<Engagement> found, Instant at,
            Function<String, Duration> wrapUpOf) {
        found.ifPresent(e -> {
            String agentId = e.agent().agentId();
            engaged.remove(agentId);
            Duration wrapUp = wrapUpOf.apply(e.queue());
            if (!wrapUp.isZero()) {
                wrapUntil.put(agentId, at.plus(wrapUp));
            }
            readySince.put(agentId, at.plus(wrapUp));
        });
        return found;
    }

    boolean onCall(String agentId) {
        return engaged.containsKey(agentId);
    }

    boolean wrapping(String agentId, Instant now) {
        Instant until = wrapUntil.get(agentId);
        return until != null && now.isBefore(until);
    }

    /** Wrap-ups over at {@code now} end. */
    void expire(Instant now) {
        wrapUntil.values().removeIf(until -> !now.isBefore(until));
    }

    /** Agents on a queue call or in wrap-up (as of the last {@link #expire}). */
    Set<String> occupied() {
        Set<String> occupied = new HashSet<>(engaged.keySet());
        occupied.addAll(wrapUntil.keySet());
        return occupied;
    }

    /** When the agent became idle: the later of when its state began ({@code since}) and its last wrap-up's end. */
    Instant idleSince(String agentId, Instant since) {
        Instant ready = readySince.getOrDefault(agentId, Instant.EPOCH);
        return ready.isAfter(since) ? ready : since;
    }

    /** The earliest wrap-up end, if any agent wraps up. */
    Optional<Instant> nextWrapUpEnd() {
        return wrapUntil.values().stream().min(Instant::compareTo);
    }
}
