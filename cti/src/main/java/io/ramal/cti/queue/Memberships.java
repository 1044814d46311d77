package io.ramal.cti.queue;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A tenant's queues and who is in them: defining and deleting queues, joining, leaving, pausing and
 * unpausing. Each change comes out as the membership to store and the event that tells of it; what the
 * change means for waiting callers is the distributor's. Mutable; the distributor's alone.
 */
final class Memberships {
    private final String tenant;
    private final Map<String, QueueBook> queues = new TreeMap<>();
    private long joins;

    Memberships(String tenant) {
        this.tenant = tenant;
    }

    Optional<QueueBook> book(String name) {
        return Optional.ofNullable(queues.get(name));
    }

    /** The queues, by name. */
    Collection<QueueBook> books() {
        return queues.values();
    }

    /** Takes up a stored queue and its members, in the order they joined. */
    void restore(QueueSettings settings, List<QueueMember> members) {
        QueueBook book = queues.computeIfAbsent(settings.name(), n -> new QueueBook(settings));
        book.settings = settings;
        members.stream().filter(m -> m.queue().equals(settings.name()))
                .sorted(Comparator.comparing(QueueMember::joinedAt).thenComparing(QueueMember::agentId))
                .forEach(m -> book.seat(m, joins++));
    }

    /** Adds the queue, or gives it new settings. */
    void define(QueueSettings settings) {
        queues.computeIfAbsent(settings.name(), n -> new QueueBook(settings)).settings = settings;
    }

    /** Deletes the queue: its members leave it ({@code queue_deleted}). */
    QueueOutcome remove(String name, String by, Instant now, AgentStates states) {
        QueueBook book = queues.remove(name);
        if (book == null) {
            return notFound(name);
        }
        QueueOutcome out = QueueOutcome.NOTHING;
        for (QueueMember member : book.members()) {
            out = out.then(change(new MembershipChange.Removed(name, member.agentId()), new QueueEvent.MemberLeft(
                    tenant, now, member, device(states, member.agentId()), by,
                    QueueEvent.MemberLeft.LeftCause.QUEUE_DELETED)));
        }
        return out;
    }

    /** A new member ({@code queue.member_joined}), or a member's new priority (stored, no event). */
    QueueOutcome join(String queue, String agentId, String username, int priority, String by, Instant now,
            AgentStates states) {
        QueueBook book = queues.get(queue);
        if (book == null) {
            return notFound(queue);
        }
        Optional<QueueMember> member = book.member(agentId);
        if (member.isEmpty()) {
            QueueMember joined = new QueueMember(queue, agentId, username, priority, now, Optional.empty());
            book.seat(joined, joins++);
            return change(new MembershipChange.Saved(joined), new QueueEvent.MemberJoined(tenant, now, joined,
                    device(states, agentId), by));
        }
        QueueMember v = member.get();
        if (v.priority() == priority && v.username().equals(username)) {
            return QueueOutcome.NOTHING;
        }
        QueueMember changed = new QueueMember(queue, agentId, username, priority, v.joinedAt(), v.pause());
        book.update(changed);
        return new QueueOutcome(List.of(new MembershipChange.Saved(changed)), List.of(), List.of(), Optional.empty());
    }

    /** {@code queue.member_left}. */
    QueueOutcome leave(String queue, String agentId, String by, Instant now, AgentStates states) {
        QueueBook book = queues.get(queue);
        if (book == null) {
            return notFound(queue);
        }
        Optional<QueueMember> member = book.remove(agentId);
        if (member.isEmpty()) {
            return notMember(queue, agentId);
        }
        return change(new MembershipChange.Removed(queue, agentId), new QueueEvent.MemberLeft(tenant, now,
                member.get(), device(states, agentId), by, QueueEvent.MemberLeft.LeftCause.REQUESTED));
    }

    /** {@code queue.member_paused}, unless the member is paused with that reason already. */
    QueueOutcome pause(String queue, String agentId, Optional<String> reason, String by, Instant now,
            AgentStates states) {
        return update(queue, agentId, v -> v.pause().filter(p -> p.reason().equals(reason)).isPresent() ? null
                : new QueueMember(queue, agentId, v.username(), v.priority(), v.joinedAt(),
                        Optional.of(new QueueMember.Pause(reason, now))),
                m -> new QueueEvent.MemberPaused(tenant, now, m, device(states, agentId), by));
    }

    /** {@code queue.member_unpaused}, unless the member is not paused. */
    QueueOutcome unpause(String queue, String agentId, String by, Instant now, AgentStates states) {
        return update(queue, agentId, v -> !v.paused() ? null
                : new QueueMember(queue, agentId, v.username(), v.priority(), v.joinedAt(), Optional.empty()),
                m -> new QueueEvent.MemberUnpaused(tenant, now, m, device(states, agentId), by));
    }

    /** The agent's memberships, by queue name. */
    List<QueueMember> of(String agentId) {
        return queues.values().stream().flatMap(b -> b.member(agentId).stream()).toList();
    }

    /** Replaces a member by {@code next(member)} (null: no change) and tells of it with {@code event}. */
    private QueueOutcome update(String queue, String agentId,
            java.util.function.UnaryOperator<QueueMember> next,
            java.util.function.Function<QueueMember, QueueEvent> event) {
        QueueBook book = queues.get(queue);
        if (book == null) {
            return notFound(queue);
        }
        Optional<QueueMember> member = book.member(agentId);
        if (member.isEmpty()) {
            return notMember(queue, agentId);
        }
        QueueMember changed = next.apply(member.get());
        if (changed == null) {
            return QueueOutcome.NOTHING;
        }
        book.update(changed);
        return change(new MembershipChange.Saved(changed), event.apply(changed));
    }

    private static QueueOutcome change(MembershipChange stored, QueueEvent event) {
        return new QueueOutcome(List.of(stored), List.of(event), List.of(), Optional.empty());
    }

    private static Optional<String> device(AgentStates states, String agentId) {
        return states.agent(agentId).flatMap(io.ramal.cti.agent.AgentView::device);
    }

    static QueueOutcome notFound(String queue) {
        return QueueOutcome.refused(QueueRefusal.Code.QUEUE_NOT_FOUND, "no queue " + queue);
    }

    private static QueueOutcome notMember(String queue, String agentId) {
        return QueueOutcome.refused(QueueRefusal.Code.NOT_A_MEMBER, "agent " + agentId + " is not a member of queue "
                + queue);
    }
}
