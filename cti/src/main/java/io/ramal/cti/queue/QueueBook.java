package io.ramal.cti.queue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the distributor keeps of one queue: its settings, its members in join order (each with its place
 * in that order, round robin's ring order), the place of the member round robin offered a call last,
 * and the queue's counts. Mutable; the distributor's alone.
 */
final class QueueBook {
    QueueSettings settings;
    long lastOffered = -1;
    final QueueTally tally = new QueueTally();
    private final Map<String, Seat> members = new LinkedHashMap<>();

    /** A membership and its place in the join order. */
    private record Seat(QueueMember member, long order) {}

    QueueBook(QueueSettings settings) {
        this.settings = settings;
    }

    String name() {
        return settings.name();
    }

    Optional<QueueMember> member(String agentId) {
        return Optional.ofNullable(members.get(agentId)).map(Seat::member);
    }

    List<QueueMember> members() {
        return members.values().stream().map(Seat::member).toList();
    }

    /** The member's place in the join order. */
    long order(String agentId) {
        return members.get(agentId).order();
    }

    /** Adds a member at {@code order} of the join order. */
    void seat(QueueMember member, long order) {
        members.put(member.agentId(), new Seat(member, order));
    }

    /** Replaces a member's membership (priority, pause), keeping its place. */
    void update(QueueMember member) {
        members.computeIfPresent(member.agentId(), (id, seat) -> new Seat(member, seat.order()));
    }

    Optional<QueueMember> remove(String agentId) {
        return Optional.ofNullable(members.remove(agentId)).map(Seat::member);
    }

    int size() {
        return members.size();
    }
}
