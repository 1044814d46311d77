package io.ramal.cti.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command, fact or review did: membership changes to store (first), events to append (then),
 * effects for the PBX (last, in order), and a refusal when a command was not carried out (then nothing
 * changed).
 */
public record QueueOutcome(List<MembershipChange> memberships, List<QueueEvent> events, List<QueueEffect> effects,
        Optional<QueueRefusal> refusal) {

    public static final QueueOutcome NOTHING = new QueueOutcome(List.of(), List.of(), List.of(), Optional.empty());

    public QueueOutcome {
        memberships = List.copyOf(memberships);
        events = List.copyOf(events);
        effects = List.copyOf(effects);
        Objects.requireNonNull(refusal, "refusal");
    }

    static QueueOutcome refused(QueueRefusal.Code code, String message) {
        return new QueueOutcome(List.of(), List.of(), List.of(), Optional.of(new QueueRefusal(code, message)));
    }

    public boolean isEmpty() {
        return memberships.isEmpty() && events.isEmpty() && effects.isEmpty() && refusal.isEmpty();
    }

    /** This outcome followed by {@code next}. */
    public QueueOutcome then(QueueOutcome next) {
        if (isEmpty()) {
            return next;
        }
        if (next.isEmpty()) {
            return this;
        }
        List<MembershipChange> m = new ArrayList<>(memberships);
        m.addAll(next.memberships);
        List<QueueEvent> e = new ArrayList<>(events);
        e.addAll(next.events);
        List<QueueEffect> f = new ArrayList<>(effects);
        f.addAll(next.effects);
        return new QueueOutcome(m, e, f, refusal.or(next::refusal));
    }
}
