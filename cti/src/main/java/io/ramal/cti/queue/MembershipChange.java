package io.ramal.cti.queue;

import io.ramal.cti.Identifiers;
import java.util.Objects;

/** A change of a membership to store (before the events that tell of it are published). */
public sealed interface MembershipChange {
    /** The membership as it is now (new, or with a new priority or pause). */
    record Saved(QueueMember member) implements MembershipChange {
        public Saved {
            Objects.requireNonNull(member, "member");
        }
    }

    /** The agent is no longer a member of the queue. */
    record Removed(String queue, String agentId) implements MembershipChange {
        public Removed {
            Identifiers.nonBlank(queue, "queue");
            Identifiers.nonBlank(agentId, "agentId");
        }
    }
}
