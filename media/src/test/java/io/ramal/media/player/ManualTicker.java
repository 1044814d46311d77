package io.ramal.media.player;

import java.time.Duration;

/**
 * A {@link Ticker} that only moves when a test advances it. {@link #awaitIdle()} waits until the
 * clock thread has acted on every advance and is parked again, so tests assert without sleeping.
 */
public final class ManualTicker implements Ticker {
    private long now;
    private long generation;
    private long parkedGeneration = -1;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void parkUntil(long deadline) throws InterruptedException {
        while (now < deadline) {
            parkedGeneration = generation;
            notifyAll();
            wait();
        }
    }

    public synchronized void advance(Duration by) {
        now += by.toNanos();
        generation++;
        notifyAll();
    }

    /** Blocks until the clock thread is parked having seen the latest advance (fails after 5 s). */
    public synchronized void awaitIdle() throws InterruptedException {
        long limit = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (parkedGeneration != generation) {
            long left = limit - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("clock thread did not settle");
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
