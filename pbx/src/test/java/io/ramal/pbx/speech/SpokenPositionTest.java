package io.ramal.pbx.speech;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.Language;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpokenPositionTest {

  @Test
  void thePositionThenThanksWhenNoWaitIsKnown() {
    assertThat(new SpokenPosition(Language.EN, 2, Optional.empty()).sentences())
        .containsExactly(List.of("caller-number", "two"), List.of("thank-you"));
  }

  @Test
  void theWaitIsSaidInWholeMinutesRoundedUp() {
    assertThat(new SpokenPosition(Language.EN, 1, Optional.of(Duration.ofSeconds(121))).sentences())
        .containsExactly(List.of("caller-number", "one"), List.of("estimated-wait", "three", "minutes"),
            List.of("thank-you"));
    assertThat(new SpokenPosition(Language.PT, 21, Optional.of(Duration.ofSeconds(60))).sentences())
        .containsExactly(List.of("caller-number", "vinte", "e", "um"), List.of("estimated-wait", "um", "minute"),
            List.of("thank-you"));
  }

  @Test
  void aWaitShorterThanAMinuteIsOneMinuteAndSpanishSaysUnMinuto() {
    assertThat(new SpokenPosition(Language.ES, 3, Optional.of(Duration.ofSeconds(4))).sentences())
        .containsExactly(List.of("caller-number", "tres"), List.of("estimated-wait", "un", "minute"),
            List.of("thank-you"));
    assertThat(new SpokenPosition(Language.ES, 1, Optional.of(Duration.ofMinutes(21))).sentences().get(1))
        .containsExactly("estimated-wait", "veintiun", "minutes");
  }

  @Test
  void whatCannotBeSaidIsLeftOutRatherThanSaidWrong() {
    assertThat(new SpokenPosition(Language.EN, 100, Optional.of(Duration.ofMinutes(61))).sentences())
        .containsExactly(List.of("thank-you"));
    assertThat(new SpokenPosition(Language.EN, 99, Optional.of(Duration.ofMinutes(60))).sentences())
        .containsExactly(List.of("caller-number", "ninety", "nine"), List.of("estimated-wait", "sixty", "minutes"),
            List.of("thank-you"));
  }
}
