package io.ramal.media.player;

/**
 * Work done on every 20 ms tick of a {@link MediaClock}: pull a frame from a source and push it to
 * a sink, mix a conference, record a call. Runs on the clock's thread, so it must be quick and
 * never block.
 */
@FunctionalInterface
public interface ClockTask {
    /** Does one tick's work; returns false when done, and the clock drops the task. */
    boolean tick();
}
