package io.ramal.media.player;

/**
 * What a clock that woke at {@code now} does when its tick was due at {@code deadline}: run the
 * ticks that are due back to back, but at most {@code maxBurst} of them (a longer burst would flood
 * peers with frames); skip the rest. Deadlines stay on the absolute grid
 * {@code start + n * period}, so the clock never drifts.
 *
 * @param run ticks to run now
 * @param skipped due ticks given up
 * @param nextDeadline the next tick's deadline (after {@code now})
 */
public record TickPlan(int run, long skipped, long nextDeadline) {
    /** The plan for a clock waking at {@code now}; nothing is due when {@code now < deadline}. */
    public static TickPlan of(long now, long deadline, long period, int maxBurst) {
        if (period <= 0 || maxBurst < 1) {
            throw new IllegalArgumentException("period and burst must be positive");
        }
        if (now < deadline) {
            return new TickPlan(0, 0, deadline);
        }
        long due = (now - deadline) / period + 1;
        int run = (int) Math.min(due, maxBurst);
        return new TickPlan(run, due - run, deadline + due * period);
    }
}
