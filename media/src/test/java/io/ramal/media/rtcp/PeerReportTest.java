package io.ramal.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PeerReportTest {
    @Test
    void roundTripIsArrivalLessTheSenderReportTimeLessTheDelayAtThePeer() {
        NtpTimestamp ourReport = NtpTimestamp.of(Instant.parse("2026-03-01T12:00:00Z"));
        NtpTimestamp arrival = NtpTimestamp.of(Instant.parse("2026-03-01T12:00:01.250Z"));
        ReportBlock block = new ReportBlock(1, 26, 5, 100, 40, ourReport.middle(), 65536); // held 1 s

        PeerReport report = PeerReport.of(block, arrival, 8000);

        assertThat(report.roundTrip()).isPresent();
        assertThat(report.roundTrip().get()).isBetween(Duration.ofMillis(249), Duration.ofMillis(251));
        assertThat(report.lossRatio()).isEqualTo(26 / 256.0);
        assertThat(report.cumulativeLost()).isEqualTo(5);
        assertThat(report.jitter()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void noRoundTripWithoutASenderReportOrWhenTheFiguresGoBackwards() {
        NtpTimestamp now = NtpTimestamp.of(Instant.parse("2026-03-01T12:00:00Z"));

        assertThat(PeerReport.of(new ReportBlock(1, 0, 0, 0, 0, 0, 0), now, 8000).roundTrip()).isEmpty();
        assertThat(PeerReport.of(new ReportBlock(1, 0, 0, 0, 0, now.middle(), 65536), now, 8000).roundTrip())
                .as("a delay longer than the time since our report").isEmpty();
    }
}
