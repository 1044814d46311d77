package io.ramal.cti.queue;

import io.ramal.cti.Identifiers;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One caller's passage through one queue, as the queue statistics keep it: when it entered, what became
 * of it and when it left ({@code leftAt}), who answered it, and when the answered call ended. A passage is
 * named by tenant, call, queue and entry instant; it changes as its outcome becomes known (waiting, then
 * answered, abandoned, overflowed or timed out; an answered one then ends).
 *
 * @param serviceLevel the queue's service-level threshold when the outcome became known (an answer within
 *                     it counts as answered within the service level)
 * @param endedAt      when an answered call ended (the caller's call, at its CDR's end): the agent's
 *                     handling of it runs from the answer ({@code leftAt}) to then
 * @param destination  where an overflowed caller went (also a refused one, when the queue overflows)
 */
public record QueueCall(
        String tenant,
        String callId,
        String queue,
        Instant enteredAt,
        Outcome outcome,
        Optional<Instant> leftAt,
        Optional<QueueCaller.Ringing> answeredBy,
        Duration serviceLevel,
        Optional<Instant> endedAt,
        Optional<OverflowTarget> destination) {

    /** What became of the caller. */
    public enum Outcome {
        /** It is waiting (or was, when a restart cut its call: it then stays entered without an outcome). */
        WAITING,
        /** An agent answered it. */
        ANSWERED,
        /** It hung up while waiting. */
        ABANDONED,
        /** It waited the queue's maximum and went to the overflow destination. */
        OVERFLOWED,
        /** It waited the queue's maximum, which has no overflow destination, and was released. */
        TIMED_OUT,
        /** The queue had its maximum of callers when it came: it never entered. */
        REFUSED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Outcome fromWire(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }

        static Outcome of(LeaveReason reason) {
            return switch (reason) {
                case ANSWERED -> ANSWERED;
                case ABANDONED -> ABANDONED;
                case OVERFLOW -> OVERFLOWED;
                case TIMEOUT -> TIMED_OUT;
            };
        }
    }

    public QueueCall {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Identifiers.nonBlank(queue, "queue");
        Objects.requireNonNull(enteredAt, "enteredAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(leftAt, "leftAt");
        Objects.requireNonNull(answeredBy, "answeredBy");
        Objects.requireNonNull(serviceLevel, "serviceLevel");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(destination, "destination");
        if ((outcome == Outcome.WAITING) != leftAt.isEmpty()) {
            throw new IllegalArgumentException("a caller has left its queue exactly when it has an outcome");
        }
        if ((outcome == Outcome.ANSWERED) != answeredBy.isPresent()) {
            throw new IllegalArgumentException("an answered caller names its agent, no other does");
        }
        if (endedAt.isPresent() && outcome != Outcome.ANSWERED) {
            throw new IllegalArgumentException("only an answered call ends for the queue's statistics");
        }
        if (leftAt.filter(enteredAt::isAfter).isPresent()
                || endedAt.filter(end -> end.isBefore(leftAt.orElseThrow())).isPresent()) {
            throw new IllegalArgumentException("a caller enters, then leaves, then its answered call ends");
        }
    }

    /** A caller that just entered the queue. */
    public static QueueCall entered(String tenant, String callId, String queue, Instant at, Duration serviceLevel) {
        return new QueueCall(tenant, callId, queue, at, Outcome.WAITING, Optional.empty(),
                Optional.empty(), serviceLevel, Optional.empty(), Optional.empty());
    }

    /** This caller, left with {@code outcome} at {@code at}. */
    public QueueCall left(Outcome next, Instant at, Optional<QueueCaller.Ringing> by, Optional<OverflowTarget> to,
            Duration threshold) {
        return new QueueCall(tenant, callId, queue, enteredAt, next, Optional.of(at), by, threshold,
                Optional.empty(), to);
    }

    /** This answered call, ended at {@code at}. */
    public QueueCall ended(Instant at) {
        return new QueueCall(tenant, callId, queue, enteredAt, outcome, leftAt, answeredBy,
                serviceLevel, Optional.of(at), destination);
    }

    /** From entering to leaving; empty while waiting. */
    public Optional<Duration> waited() {
        return leftAt.map(left -> Duration.between(enteredAt, left));
    }

    /** Answered, after a wait no longer than the service level. */
    public boolean answeredWithinServiceLevel() {
        return outcome == Outcome.ANSWERED && waited().orElseThrow().compareTo(serviceLevel) <= 0;
    }

    /** From the answer to the call's end, for an answered call that ended. */
    public Optional<Duration> handling() {
        return endedAt.map(end -> Duration.between(leftAt.orElseThrow(), end));
    }
}
