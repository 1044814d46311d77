package io.ramal.cti.agent;

import io.ramal.cti.Identifiers;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A call an agent handled: it rang the device the agent was logged in at, the agent answered it there,
 * and the agent's part of it ended ({@code connection.cleared} of its device: it hung up, the other side
 * did, or it transferred the call away). Talk time runs from the answer to that end, holds included; a
 * call from a queue is followed by that queue's wrap-up.
 *
 * @param queue  the queue whose offer rang the agent, if a queue's
 * @param wrapUp the wrap-up that followed (the queue's {@code wrap_up_s} when the call ended; zero
 *               for calls no queue offered)
 */
public record HandledCall(
        String tenant,
        String agentId,
        String username,
        String sessionId,
        String device,
        String callId,
        Optional<String> queue,
        Instant deliveredAt,
        Instant answeredAt,
        Instant endedAt,
        Duration wrapUp) {

    public HandledCall {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(agentId, "agentId");
        Identifiers.nonBlank(username, "username");
        Identifiers.nonBlank(sessionId, "sessionId");
        Identifiers.nonBlank(device, "device");
        Identifiers.nonBlank(callId, "callId");
        Identifiers.nonBlank(queue, "queue");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Objects.requireNonNull(answeredAt, "answeredAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(wrapUp, "wrapUp");
        if (answeredAt.isBefore(deliveredAt) || endedAt.isBefore(answeredAt)) {
            throw new IllegalArgumentException("a handled call rings, then is answered, then ends");
        }
        if (wrapUp.isNegative()) {
            throw new IllegalArgumentException("wrapUp must not be negative: " + wrapUp);
        }
    }

    /** From the answer to the agent's end of the call. */
    public Duration talk() {
        return Duration.between(answeredAt, endedAt);
    }

    /** Talk time and the wrap-up after it. */
    public Duration handling() {
        return talk().plus(wrapUp);
    }

    public HandledCall withWrapUp(Duration next) {
        return new HandledCall(tenant, agentId, username, sessionId, device, callId, queue, deliveredAt, answeredAt,
                endedAt, next);
    }
}
