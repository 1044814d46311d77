package io.ramal.media.player;

/**
 * Observes a {@link MediaClock} (metrics, logs): ticks skipped because the clock fell too far
 * behind, and tasks dropped because they threw. Called on the clock thread; must not block.
 */
public interface ClockListener {
    ClockListener NONE = new ClockListener() {};

    /** The clock was late by more than its catch-up burst and skipped {@code ticks} ticks. */
    default void skipped(long ticks) {}

    /** A task threw and was dropped. */
    default void failed(ClockTask task, RuntimeException error) {}
}
