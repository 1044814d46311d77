package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CallRecordTest {

    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void billsEveryStartedSecondOfTalkTime() {
        CallRecord cdr = answered(START.plusSeconds(5), START.plusSeconds(5).plusMillis(61_001));

        assertThat(cdr.billableSeconds()).isEqualTo(62);
        assertThat(cdr.duration()).isEqualTo(Duration.ofMillis(66_001));
    }

    @Test
    void billsWholeSecondsExactly() {
        assertThat(answered(START, START.plusSeconds(30)).billableSeconds()).isEqualTo(30);
    }

    @Test
    void unansweredCallBillsNothing() {
        CallRecord cdr = new CallRecord("id", "t", "c", "1001", "1002", CallDirection.INTERNAL, START,
                Optional.empty(), START.plusSeconds(20), CallDisposition.NO_ANSWER, "408 Request Timeout");

        assertThat(cdr.billableSeconds()).isZero();
        assertThat(cdr.duration()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void rejectsAnswerTimeOnUnansweredCall() {
        assertThatThrownBy(() -> new CallRecord("id", "t", "c", "1001", "1002", CallDirection.INTERNAL, START,
                Optional.of(START), START.plusSeconds(1), CallDisposition.BUSY, "486 Busy Here"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAnsweredCallWithoutAnswerTime() {
        assertThatThrownBy(() -> new CallRecord("id", "t", "c", "1001", "1002", CallDirection.INTERNAL, START,
                Optional.empty(), START.plusSeconds(1), CallDisposition.ANSWERED, "BYE"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsEndBeforeStartAndAnswerOutsideTheCall() {
        assertThatThrownBy(() -> answered(START, START.minusMillis(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallRecord("id", "t", "c", "1001", "1002", CallDirection.INTERNAL, START,
                Optional.of(START.plusSeconds(2)), START.plusSeconds(1), CallDisposition.ANSWERED, "BYE"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTimesToTheMillisecond() {
        CallRecord cdr = new CallRecord("id", "t", "c", "1001", "1002", CallDirection.INTERNAL,
                START.plusNanos(1_500_000), Optional.of(START.plusNanos(2_200_000)), START.plusNanos(2_999_999),
                CallDisposition.ANSWERED, "BYE");

        assertThat(cdr.startedAt()).isEqualTo(START.plusMillis(1));
        assertThat(cdr.answeredAt()).contains(START.plusMillis(2));
        assertThat(cdr.endedAt()).isEqualTo(START.plusMillis(2));
    }

    @ParameterizedTest
    @EnumSource(CallDisposition.class)
    void dispositionRoundTripsThroughItsWireName(CallDisposition disposition) {
        assertThat(CallDisposition.fromWireName(disposition.wireName())).isEqualTo(disposition);
        assertThat(disposition.wireName()).matches("[a-z-]+");
    }

    @Test
    void noAnswerIsWrittenWithAHyphen() {
        assertThat(CallDisposition.NO_ANSWER.wireName()).isEqualTo("no-answer");
    }

    private static CallRecord answered(Instant answeredAt, Instant endedAt) {
        return new CallRecord("id", "t", "c", "1001", "1002", CallDirection.INTERNAL, START,
                Optional.of(answeredAt), endedAt, CallDisposition.ANSWERED, "BYE from callee");
    }
}
