package io.ramal.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SippStatisticsTest {

  private static final String HEADER = "StartTime;CurrentTime;IncomingCall(P);IncomingCall(C);OutgoingCall(P);"
      + "OutgoingCall(C);SuccessfulCall(P);SuccessfulCall(C);FailedCall(P);FailedCall(C);"
      + "Retransmissions(P);Retransmissions(C);ResponseTime1(C);";

  @Test
  void readsTheCumulativeCountersOfTheLastLine() {
    List<String> lines = List.of(
        HEADER,
        "2026-11-21\t15:21:12;2026-11-21\t15:21:12;0;0;0;0;0;0;0;0;0;0;00:00:00:000000;",
        "2026-11-21\t15:21:12;2026-11-21\t15:21:13;0;0;3;10;2;7;1;3;0;4;00:00:00:008000;",
        "");

    SippStatistics statistics = SippStatistics.parse(lines).orElseThrow();

    assertThat(statistics.createdCalls()).isEqualTo(10);
    assertThat(statistics.successfulCalls()).isEqualTo(7);
    assertThat(statistics.failedCalls()).isEqualTo(3);
    assertThat(statistics.retransmissions()).isEqualTo(4);
    assertThat(statistics.counters()).containsEntry("ResponseTime1", "00:00:00:008000")
        .doesNotContainKey("SuccessfulCall(P)");
  }

  @Test
  void isEmptyWithoutADataLine() {
    assertThat(SippStatistics.parse(List.of(HEADER))).isEmpty();
    assertThat(SippStatistics.parse(List.of())).isEmpty();
  }
}
