package io.ramal.media.player;

import java.util.concurrent.locks.LockSupport;

/**
 * The time a {@link MediaClock} runs on: a monotonic nanosecond reading and a way to wait until a
 * deadline. {@link #SYSTEM} is real time; tests pass a manual ticker they advance by hand.
 */
public interface Ticker {
    /** Monotonic time in nanoseconds (arbitrary origin). */
    long nanoTime();

    /** Waits until {@link #nanoTime()} reaches {@code deadline} (may return early only when interrupted). */
    void parkUntil(long deadline) throws InterruptedException;

    /** {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkUntil(long deadline) throws InterruptedException {
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    };
}
