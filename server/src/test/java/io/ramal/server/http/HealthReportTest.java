package io.ramal.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void upOnlyWhenEveryCheckIsUp() {
        assertThat(HealthReport.of(List.of(new HealthCheck("a", () -> true), new HealthCheck("b", () -> true))))
                .isEqualTo(new HealthReport("up", Map.of("a", "up", "b", "up")));
        assertThat(HealthReport.of(List.of(new HealthCheck("a", () -> true), new HealthCheck("b", () -> false)))
                .healthy()).isFalse();
    }

    @Test
    void aThrowingProbeCountsAsDown() {
        HealthReport report = HealthReport.of(List.of(new HealthCheck("store", () -> {
            throw new IllegalStateException("connection refused");
        })));
        assertThat(report.components()).containsEntry("store", "down");
        assertThat(report.status()).isEqualTo("down");
    }

    @Test
    void noChecksMeansUp() {
        assertThat(HealthReport.of(List.of()).healthy()).isTrue();
    }

    @Test
    void keepsTheOrderOfTheChecks() {
        HealthReport report = HealthReport.of(List.of(
                new HealthCheck("store", () -> true), new HealthCheck("sip", () -> true), new HealthCheck("http", () -> true)));
        assertThat(report.components().keySet()).containsExactly("store", "sip", "http");
    }
}
