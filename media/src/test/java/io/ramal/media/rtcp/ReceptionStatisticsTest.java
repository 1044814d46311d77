package io.ramal.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceptionStatisticsTest {
    private static final long SSRC = 0x5555L;
    private static final NtpTimestamp NOW = NtpTimestamp.of(Instant.parse("2026-03-01T12:00:00Z"));
    private final ReceptionStatistics stats = new ReceptionStatistics(8000);

    /** Packet {@code n} of a 20 ms stream starting at {@code firstSeq}, arriving {@code lateMicros} late. */
    private boolean packet(int firstSeq, int n, long lateMicros) {
        return stats.received(SSRC, firstSeq + n, 1000 + 160L * n, 20_000L * n + lateMicros, true);
    }

    @Test
    void aCompleteStreamOnTimeHasNoLossAndNoJitter() {
        for (int n = 0; n < 100; n++) {
            packet(100, n, 0);
        }

        ReportBlock block = stats.report(NOW).orElseThrow();

        assertThat(block.fractionLost()).isZero();
        assertThat(block.cumulativeLost()).isZero();
        assertThat(block.jitter()).isZero();
        assertThat(block.highestSequence()).isEqualTo(199);
        assertThat(stats.packetsReceived()).as("the first packet is the probation's").isEqualTo(99);
        assertThat(stats.packetsLost()).isZero();
    }

    @Test
    void everyTenthPacketMissingIsATenthLostInTheIntervalAndOverall() {
        for (int n = 0; n < 101; n++) {
            if (n % 10 != 5) {
                packet(0, n, 0);
            }
        }
        ReportBlock first = stats.report(NOW).orElseThrow();
        for (int n = 101; n < 201; n++) {
            packet(0, n, 0);
        }
        ReportBlock second = stats.report(NOW).orElseThrow();

        assertThat(first.cumulativeLost()).isEqualTo(10);
        assertThat(first.fractionLost()).isEqualTo(10 * 256 / 100);
        assertThat(second.fractionLost()).as("nothing lost since the first report").isZero();
        assertThat(second.cumulativeLost()).isEqualTo(10);
        assertThat(stats.packetsLost()).isEqualTo(10);
    }

    @Test
    void sequenceNumbersWrapIntoTheNextCycle() {
        for (int n = 0; n < 20; n++) {
            packet(65530, n, 0);
        }

        ReportBlock block = stats.report(NOW).orElseThrow();

        assertThat(block.highestSequence()).isEqualTo(65536 + (65530 + 19 - 65536));
        assertThat(block.cumulativeLost()).isZero();
    }

    @Test
    void jitterFollowsTheVariationOfTransitTime() {
        // every other packet 2 ms late: |D| is 16 timestamp units each time, so J tends to 16
        for (int n = 0; n < 500; n++) {
            packet(0, n, n % 2 == 0 ? 0 : 2000);
        }

        assertThat(stats.jitter()).isBetween(15L, 16L);
        assertThat(stats.report(NOW).orElseThrow().jitter()).isEqualTo(stats.jitter());
    }

    @Test
    void packetsHeldUpMoreThan20MsBeyondTheQuickestOfTheStreamAreLate() {
        for (int n = 0; n < 100; n++) {
            long held = n == 40 ? 30_000 : n == 41 ? 10_000 : n == 60 ? 15_000 : 0;
            packet(0, n, held);
        }

        assertThat(stats.packetsLate()).as("40 held 30 ms; 41 held 10 ms and 60 held 15 ms are within 20 ms")
            .isEqualTo(1);
    }

    @Test
    void aStallOfTheReaderMakesEveryPacketItHeldLate() {
        // the receiving thread stalls 100 ms: packets 50 to 54 are all read at once when it resumes
        for (int n = 0; n < 100; n++) {
            long readAt = n >= 50 && n <= 54 ? 20_000L * 55 : 20_000L * n;
            stats.received(SSRC, n, 1000 + 160L * n, readAt, true);
        }

        assertThat(stats.packetsLate()).as("held 100, 80, 60, 40 and 20 ms: only 20 ms is not more than 20 ms")
            .isEqualTo(4);
    }

    @Test
    void latenessIsMeasuredAcrossATimestampWrapAndANewSourceKeepsTheOldCount() {
        for (int n = 0; n < 20; n++) {
            stats.received(SSRC, n, 0xFFFF_FFFFL - 160L * 10 + 160L * n & 0xFFFF_FFFFL, 20_000L * n + (n == 15 ? 25_000 : 0),
                true);
        }
        for (int n = 0; n < 20; n++) {
            stats.received(SSRC + 1, 500 + n, 160L * n, 1_000_000 + 20_000L * n + (n == 10 ? 40_000 : 0), true);
        }

        assertThat(stats.packetsLate()).isEqualTo(2);
    }

    @Test
    void telephoneEventsCountButDoNotMakeJitter() {
        for (int n = 0; n < 50; n++) {
            stats.received(SSRC, n, 1000, 20_000L * n, false); // one event: the timestamp repeats
        }

        assertThat(stats.jitter()).isZero();
        assertThat(stats.packetsReceived()).isEqualTo(49);
    }

    @Test
    void noBlockWhenNothingArrivedSinceThePreviousReport() {
        packet(0, 0, 0);
        packet(0, 1, 0);

        assertThat(stats.report(NOW)).isPresent();
        assertThat(stats.report(NOW)).isEmpty();
    }

    @Test
    void aJumpIsBelievedOnlyWhenTheNextPacketFollowsIt() {
        for (int n = 0; n < 10; n++) {
            packet(0, n, 0);
        }
        assertThat(packet(0, 20_000, 0)).as("a stray packet far ahead").isFalse();
        packet(0, 10, 0);
        assertThat(stats.packetsLost()).isZero();

        assertThat(packet(0, 30_000, 0)).isFalse();
        assertThat(packet(0, 30_001, 0)).as("the source restarted its numbering").isTrue();
        assertThat(stats.packetsLost()).isZero();
    }

    @Test
    void aNewSsrcStartsOverAndTheOldOnesLossesStay() {
        for (int n = 0; n < 20; n++) {
            if (n != 7) {
                packet(0, n, 0);
            }
        }
        for (int n = 0; n < 20; n++) {
            stats.received(0x6666L, 500 + n, 160L * n, 1_000_000 + 20_000L * n, true);
        }

        assertThat(stats.source()).contains(0x6666L);
        assertThat(stats.packetsLost()).isEqualTo(1);
        assertThat(stats.report(NOW).orElseThrow().cumulativeLost()).as("the new source lost nothing").isZero();
    }

    @Test
    void theLastSenderReportOfTheSourceGivesLsrAndDlsr() {
        packet(0, 0, 0);
        packet(0, 1, 0);
        NtpTimestamp sent = NtpTimestamp.of(Instant.parse("2026-03-01T11:59:58Z"));
        stats.senderReport(SSRC, sent, NtpTimestamp.of(Instant.parse("2026-03-01T11:59:58.5Z")));
        stats.senderReport(0x9999L, NOW, NOW); // another source: ignored

        ReportBlock block = stats.report(NOW).orElseThrow();

        assertThat(block.lastSenderReport()).isEqualTo(sent.middle());
        assertThat(block.delaySinceLastSenderReport()).as("1.5 s in 1/65536 s").isBetween(98303L, 98305L);
    }
}
