package io.ramal.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void parsesEachUnit() {
        assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void addsUpSeveralParts() {
        assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse(" 1m5s ")).isEqualTo(Duration.ofSeconds(65));
    }

    @Test
    void rejectsANumberWithoutUnit() {
        assertThatThrownBy(() -> DurationText.parse("30"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'30' without a unit")
                .hasMessageContaining("30s");
    }

    @Test
    void rejectsUnknownUnitsAndJunk() {
        assertThatThrownBy(() -> DurationText.parse("5 minutes")).hasMessageContaining("got '5 minutes'");
        assertThatThrownBy(() -> DurationText.parse("1.5s")).hasMessageContaining("got '1.5s'");
        assertThatThrownBy(() -> DurationText.parse("-3s")).hasMessageContaining("got '-3s'");
        assertThatThrownBy(() -> DurationText.parse("")).hasMessageContaining("empty");
    }

    @Test
    void rejectsOverflowingValues() {
        assertThatThrownBy(() -> DurationText.parse("99999999999999999999999d")).hasMessageContaining("too large");
    }

    @Test
    void formatsWithTheLargestExactUnits() {
        assertThat(DurationText.format(Duration.ofSeconds(3600))).isEqualTo("1h");
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void formatAndParseRoundTrip() {
        for (Duration d : new Duration[] {Duration.ofMillis(1), Duration.ofDays(3).plusMinutes(7), Duration.ofMinutes(10)}) {
            assertThat(DurationText.parse(DurationText.format(d))).isEqualTo(d);
        }
    }
}
