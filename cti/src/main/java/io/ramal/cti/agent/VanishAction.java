package io.ramal.cti.agent;

import java.util.Objects;

/** Where an agent goes when its client and its device have both been gone for the grace period. */
public sealed interface VanishAction {
    /** The session ends ({@code agent.logged_out}, cause {@code vanished}). */
    record LogOut() implements VanishAction {}

    /** The agent is paused with {@code reason} ({@code agent.paused}, cause {@code vanished}). */
    record Pause(PauseReason reason) implements VanishAction {
        public Pause {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Nothing happens: the agent keeps its state. */
    record Stay() implements VanishAction {}
}
