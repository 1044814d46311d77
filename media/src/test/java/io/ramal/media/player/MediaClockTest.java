package io.ramal.media.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.media.audio.Clip;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MediaClockTest {
    private static final Duration TICK = Duration.ofMillis(20);

    private final ManualTicker ticker = new ManualTicker();
    private final List<Long> skips = Collections.synchronizedList(new ArrayList<>());
    private final List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
    private MediaClock clock;

    @BeforeEach
    void startClock() throws InterruptedException {
        clock = MediaClock.start("test-clock", ticker, new ClockListener() {
            @Override
            public void skipped(long ticks) {
                skips.add(ticks);
            }

            @Override
            public void failed(ClockTask task, RuntimeException error) {
                failures.add(error);
            }
        });
        ticker.awaitIdle();
    }

    @AfterEach
    void stopClock() {
        clock.close();
    }

    @Test
    void ticksOnceEveryTwentyMillisecondsAndNotBefore() throws InterruptedException {
        AtomicInteger count = new AtomicInteger();
        clock.register(() -> count.incrementAndGet() >= 0);

        advance(Duration.ofMillis(19));
        assertThat(count).hasValue(0);
        advance(Duration.ofMillis(1));
        assertThat(count).hasValue(1);
        advance(TICK);
        advance(TICK);
        assertThat(count).hasValue(3);
        assertThat(clock.ticks()).isEqualTo(3);
    }

    @Test
    void keepsToTheAbsoluteGridWhenWokenLate() throws InterruptedException {
        AtomicInteger count = new AtomicInteger();
        clock.register(() -> count.incrementAndGet() >= 0);

        advance(Duration.ofMillis(35)); // tick 1 due at 20 ran late
        advance(Duration.ofMillis(5));  // tick 2 due at 40, not at 55
        assertThat(count).hasValue(2);
    }

    @Test
    void catchesUpWithAtMostThreeTicksAndSkipsTheRest() throws InterruptedException {
        AtomicInteger count = new AtomicInteger();
        clock.register(() -> count.incrementAndGet() >= 0);

        advance(Duration.ofMillis(200)); // ten ticks due

        assertThat(count).hasValue(MediaClock.MAX_BURST);
        assertThat(skips).containsExactly(10L - MediaClock.MAX_BURST);
        assertThat(clock.skippedTicks()).isEqualTo(7);
        advance(TICK);
        assertThat(count).hasValue(MediaClock.MAX_BURST + 1);
    }

    @Test
    void cancelledTasksStopTicking() throws InterruptedException {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        MediaClock.Registration ra = clock.register(() -> a.incrementAndGet() >= 0);
        clock.register(() -> b.incrementAndGet() >= 0);

        advance(TICK);
        ra.cancel();
        advance(TICK);

        assertThat(a).hasValue(1);
        assertThat(b).hasValue(2);
        assertThat(ra.active()).isFalse();
        assertThat(clock.tasks()).isEqualTo(1);
    }

    @Test
    void taskReturningFalseIsDropped() throws InterruptedException {
        AtomicInteger count = new AtomicInteger();
        MediaClock.Registration r = clock.register(() -> count.incrementAndGet() < 2);

        advance(TICK);
        advance(TICK);
        advance(TICK);

        assertThat(count).hasValue(2);
        assertThat(r.active()).isFalse();
        assertThat(clock.tasks()).isZero();
    }

    @Test
    void throwingTaskIsDroppedAndReportedWhileOthersGoOn() throws InterruptedException {
        AtomicInteger good = new AtomicInteger();
        clock.register(() -> {
            throw new IllegalStateException("boom");
        });
        clock.register(() -> good.incrementAndGet() >= 0);

        advance(TICK);
        advance(TICK);

        assertThat(good).hasValue(2);
        assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
        assertThat(clock.tasks()).isEqualTo(1);
    }

    @Test
    void connectMovesFramesUntilThePlayerEnds() throws InterruptedException {
        List<short[]> received = Collections.synchronizedList(new ArrayList<>());
        List<PlaybackEnd> ends = Collections.synchronizedList(new ArrayList<>());
        Player player = Player.once(Clip.of(new short[400]), ends::add);

        MediaClock.Registration r = clock.connect(player, received::add);
        for (int i = 0; i < 5; i++) {
            advance(TICK);
        }

        assertThat(received).hasSize(3);
        assertThat(ends).containsExactly(PlaybackEnd.FINISHED);
        assertThat(r.active()).isFalse();
    }

    @Test
    void closeStopsTheThreadAndRefusesNewTasks() {
        clock.register(() -> true);

        clock.close();

        assertThat(clock.running()).isFalse();
        assertThat(clock.tasks()).isZero();
        assertThatThrownBy(() -> clock.register(() -> true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tasksMayRegisterOtherTasksFromTheClockThread() throws InterruptedException {
        AtomicInteger inner = new AtomicInteger();
        clock.register(() -> {
            clock.register(() -> inner.incrementAndGet() >= 0);
            return false;
        });

        advance(TICK);
        advance(TICK);

        assertThat(inner.get()).isBetween(1, 2);
        assertThat(clock.tasks()).isEqualTo(1);
    }

    private void advance(Duration by) throws InterruptedException {
        ticker.advance(by);
        ticker.awaitIdle();
    }
}
