package io.ramal.media.player;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real clock against real time: about one second of ticks, no drift. */
class MediaClockRealTimeTest {
    private static final int TICKS = 50;

    @Test
    void ticksEveryTwentyMillisecondsWithoutDrift() throws InterruptedException {
        long[] at = new long[TICKS + 1];
        CountDownLatch done = new CountDownLatch(1);
        int[] n = {0};
        try (MediaClock clock = MediaClock.start("real-time-test")) {
            clock.register(() -> {
                at[n[0]++] = System.nanoTime();
                if (n[0] == at.length) {
                    done.countDown();
                    return false;
                }
                return true;
            });
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            long span = at[TICKS] - at[0];
            double mean = span / (double) TICKS / 1e6;
            long[] intervals = new long[TICKS];
            for (int i = 0; i < TICKS; i++) {
                intervals[i] = at[i + 1] - at[i];
            }
            Arrays.sort(intervals);
            System.out.printf("media clock: mean %.3f ms, min %.3f ms, median %.3f ms, max %.3f ms, skipped %d%n",
                    mean, intervals[0] / 1e6, intervals[TICKS / 2] / 1e6, intervals[TICKS - 1] / 1e6, clock.skippedTicks());

            // absolute deadlines: 50 ticks (plus any skipped) span 1 s, give or take the lateness of
            // the first and the last tick; a clock sleeping 20 ms after each tick would run long
            assertThat(span - clock.skippedTicks() * MediaClock.PERIOD_NANOS)
                    .isBetween(TimeUnit.MILLISECONDS.toNanos(970), TimeUnit.MILLISECONDS.toNanos(1030));
            assertThat(intervals[TICKS / 2]).isBetween(TimeUnit.MILLISECONDS.toNanos(18), TimeUnit.MILLISECONDS.toNanos(22));
        }
    }
}
