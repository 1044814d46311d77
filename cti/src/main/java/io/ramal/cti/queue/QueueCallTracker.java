package io.ramal.cti.queue;

import io.ramal.cti.Identifiers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Follows a tenant's queue steps (what the distributor was told, and what it decided) and says what
 * became of each caller, as {@link QueueCall passages} to store at the instant their outcome is known: a
 * {@code queue.caller_joined} opens a waiting passage; a {@code queue.caller_left} gives it its outcome
 * (answered by an agent, abandoned, overflowed, timed out); a caller turned away by a full queue (the
 * {@code QUEUE_FULL} overflow or release that answers its arrival) is a refused passage; the end of an
 * answered call ({@link QueueFact.CallEnded} for a call no queue holds), or before it the answering
 * agent's leaving it ({@link QueueFact.AgentLeft}: a hang-up or a transfer of the caller away), ends
 * its passage.
 *
 * <p>Pure; not thread-safe (the tenant's lane calls it). Passages of callers waiting or talking live in
 * memory until their next change: a call cut by a restart keeps the outcome stored last.
 */
public final class QueueCallTracker {
    private final String tenant;
    /** Callers waiting in a queue, by call id. */
    private final Map<String, QueueCall> waiting = new HashMap<>();
    /** Answered calls not yet ended, by call id. */
    private final Map<String, QueueCall> talking = new HashMap<>();

    public QueueCallTracker(String tenant) {
        this.tenant = Identifiers.nonBlank(tenant, "tenant");
    }

    /**
     * One step of the distributor: the fact it was told ({@code fact}; empty for commands and reviews)
     * and its {@code outcome}; {@code serviceLevel} reads a queue's threshold now. Returns the passages
     * that changed, in order (one may change twice in a step).
     */
    public List<QueueCall> on(Optional<QueueFact> fact, QueueOutcome outcome,
            Function<String, Duration> serviceLevel) {
        List<QueueCall> changed = new ArrayList<>();
        Set<String> abandoned = new HashSet<>();
        for (QueueEvent event : outcome.events()) {
            switch (event) {
                case QueueEvent.CallerJoined joined -> {
                    QueueCaller caller = joined.caller();
                    QueueCall call = QueueCall.entered(tenant, caller.callId(), caller.queue(), caller.enteredAt(),
                            serviceLevel.apply(caller.queue()));
                    waiting.put(caller.callId(), call);
                    changed.add(call);
                }
                case QueueEvent.CallerLeft left -> {
                    QueueCaller caller = left.caller();
                    QueueCall entered = Optional.ofNullable(waiting.remove(caller.callId()))
                            .filter(c -> c.queue().equals(caller.queue()))
                            .orElseGet(() -> QueueCall.entered(tenant, caller.callId(), caller.queue(),
                                    caller.enteredAt(), serviceLevel.apply(caller.queue())));
                    QueueCall call = entered.left(QueueCall.Outcome.of(left.reason()), left.at(), left.answeredBy(),
                            left.destination(), serviceLevel.apply(caller.queue()));
                    if (call.outcome() == QueueCall.Outcome.ANSWERED) {
                        talking.put(caller.callId(), call);
                    } else if (call.outcome() == QueueCall.Outcome.ABANDONED) {
                        abandoned.add(caller.callId());
                    }
                    changed.add(call);
                }
                default -> { }
            }
        }
        if (fact.orElse(null) instanceof QueueFact.CallerArrived arrived) {
            refused(arrived, outcome, serviceLevel).ifPresent(changed::add);
        }
        if (fact.orElse(null) instanceof QueueFact.CallEnded ended) {
            QueueCall answered = talking.remove(ended.callId());
            if (answered != null && !abandoned.contains(ended.callId())) {
                changed.add(answered.ended(ended.at()));
            }
        }
        if (fact.orElse(null) instanceof QueueFact.AgentLeft left) {
            QueueCall answered = talking.get(left.callId());
            if (answered != null && answered.answeredBy().map(QueueCaller.Ringing::device)
                    .filter(left.device()::equals).isPresent()) {
                talking.remove(left.callId());
                changed.add(answered.ended(left.at()));
            }
        }
        return changed;
    }

    /** Passages waiting or talking (for tests and diagnostics). */
    public int open() {
        return waiting.size() + talking.size();
    }

    /** The arrival was turned away because its queue was full: a refused passage. */
    private Optional<QueueCall> refused(QueueFact.CallerArrived arrived, QueueOutcome outcome,
            Function<String, Duration> serviceLevel) {
        for (QueueEffect effect : outcome.effects()) {
            if (!effect.callId().equals(arrived.callId())) {
                continue;
            }
            switch (effect) {
                case QueueEffect.Overflow o when o.cause() == QueueEffect.Exit.QUEUE_FULL -> {
                    return Optional.of(refusal(arrived, Optional.of(o.destination()), serviceLevel));
                }
                case QueueEffect.Release r when r.cause() == QueueEffect.Exit.QUEUE_FULL -> {
                    return Optional.of(refusal(arrived, Optional.empty(), serviceLevel));
                }
                default -> { }
            }
        }
        return Optional.empty();
    }

    private QueueCall refusal(QueueFact.CallerArrived arrived, Optional<OverflowTarget> to,
            Function<String, Duration> serviceLevel) {
        Duration threshold = serviceLevel.apply(arrived.queue());
        return QueueCall.entered(tenant, arrived.callId(), arrived.queue(), arrived.at(), threshold).left(QueueCall.Outcome.REFUSED, arrived.at(), Optional.empty(), to, threshold);
    }
}
