package io.ramal.cti.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The day's passages kept live give the numbers the statistics route gives for the day. */
class QueueDayTest {
    private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");
    private static final Duration SL = Duration.ofSeconds(20);
    private static final QueueLive SALES = new QueueLive("sales", 0, Duration.ZERO, SL, 2, 1);

    @Test
    void theLatestVersionOfEachPassageCountsAndOtherDaysAndQueuesDoNot() {
        QueueCall yesterday = QueueCall.entered("acme", "c0", "sales", NOON.minus(Duration.ofDays(1)), SL);
        QueueCall waiting = QueueCall.entered("acme", "c1", "sales", NOON, SL);
        QueueDay day = new QueueDay(NOON.plusSeconds(1), List.of(yesterday, waiting));
        assertThat(day.stats(SALES).entered()).isEqualTo(1);

        QueueCaller.Ringing alice = new QueueCaller.Ringing("a-1", "alice", "1001");
        day.record(List.of(waiting.left(QueueCall.Outcome.ANSWERED, NOON.plusSeconds(8), Optional.of(alice),
                Optional.empty(), SL)));
        QueueCall other = QueueCall.entered("acme", "c2", "support", NOON.plusSeconds(9), SL);
        QueueCall gone = QueueCall.entered("acme", "c3", "sales", NOON.plusSeconds(10), SL);
        day.record(List.of(other, gone, gone.left(QueueCall.Outcome.ABANDONED, NOON.plusSeconds(40),
                Optional.empty(), Optional.empty(), SL)));

        QueueStats stats = day.stats(SALES);
        assertThat(stats.entered()).isEqualTo(2);
        assertThat(stats.answered()).isEqualTo(1);
        assertThat(stats.answeredWithinServiceLevel()).isEqualTo(1);
        assertThat(stats.abandoned()).isEqualTo(1);
        assertThat(stats.from()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(stats.to()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(day.holds(Instant.parse("2026-11-23T00:00:00Z"))).isFalse();
    }

    @Test
    void aPassageReadBackFromTheStoreInMillisecondsIsTheSamePassage() {
        Instant precise = NOON.plusNanos(123_456_789);
        QueueCall stored = QueueCall.entered("acme", "c1", "sales", NOON.plusMillis(123), SL);
        QueueDay day = new QueueDay(NOON, List.of(stored));

        day.record(List.of(QueueCall.entered("acme", "c1", "sales", precise, SL)));

        assertThat(day.stats(SALES).entered()).isEqualTo(1);
    }
}
