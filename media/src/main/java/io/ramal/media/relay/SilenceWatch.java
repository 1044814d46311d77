package io.ramal.media.relay;

import io.ramal.sip.transaction.Scheduler;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Dead-call detection for one endpoint: fires once when no RTP has arrived for the watched time.
 * The silence counts from the later of the last packet and the start of the watch; while the
 * session says the peer does not send to us (we are {@code sendonly} or {@code inactive}), the
 * silence is not counted. One check is scheduled per period, re-armed for the remaining time.
 */
final class SilenceWatch {
    private static final long NEVER = Long.MIN_VALUE;

    private final Scheduler scheduler;
    private final InstantSource clock;
    private final LongSupplier lastReceivedMillis;
    private final BooleanSupplier expectingRtp;
    private final Consumer<Duration> timedOut;
    private Scheduler.Cancellable pending = Scheduler.Cancellable.NONE;
    private long limitMillis;
    private long sinceMillis;
    private long generation;

    SilenceWatch(Scheduler scheduler, InstantSource clock, LongSupplier lastReceivedMillis, BooleanSupplier expectingRtp,
            Consumer<Duration> timedOut) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.lastReceivedMillis = lastReceivedMillis;
        this.expectingRtp = expectingRtp;
        this.timedOut = timedOut;
    }

    synchronized void start(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("silence limit must be positive");
        }
        stop();
        limitMillis = limit.toMillis();
        sinceMillis = clock.millis();
        arm(limitMillis, ++generation);
    }

    synchronized void stop() {
        pending.cancel();
        pending = Scheduler.Cancellable.NONE;
        generation++;
    }

    private void arm(long delayMillis, long forGeneration) {
        pending = scheduler.schedule(Duration.ofMillis(delayMillis), () -> check(forGeneration));
    }

    private void check(long forGeneration) {
        Duration silence;
        synchronized (this) {
            if (forGeneration != generation) {
                return;
            }
            long now = clock.millis();
            if (!expectingRtp.getAsBoolean()) {
                sinceMillis = now;
            }
            long last = lastReceivedMillis.getAsLong();
            long from = last == NEVER ? sinceMillis : Math.max(last, sinceMillis);
            long silent = now - from;
            if (silent < limitMillis) {
                arm(limitMillis - silent, forGeneration);
                return;
            }
            pending = Scheduler.Cancellable.NONE;
            generation++;
            silence = Duration.ofMillis(silent);
        }
        timedOut.accept(silence);
    }
}
