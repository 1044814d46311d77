package io.ramal.pbx.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.cti.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumberWordsTest {
  private final NumberWords english = NumberWords.of(Language.EN);
  private final NumberWords portuguese = NumberWords.of(Language.PT);
  private final NumberWords spanish = NumberWords.of(Language.ES);

  @Test
  void englishSaysTeensAsOneWordAndTensThenTheUnit() {
    assertThat(english.alone(1)).containsExactly("one");
    assertThat(english.alone(13)).containsExactly("thirteen");
    assertThat(english.alone(20)).containsExactly("twenty");
    assertThat(english.alone(21)).containsExactly("twenty", "one");
    assertThat(english.alone(99)).containsExactly("ninety", "nine");
    assertThat(english.beforeNoun(41)).containsExactly("forty", "one");
  }

  @Test
  void portugueseJoinsTensAndUnitWithE() {
    assertThat(portuguese.alone(2)).containsExactly("dois");
    assertThat(portuguese.alone(16)).containsExactly("dezesseis");
    assertThat(portuguese.alone(21)).containsExactly("vinte", "e", "um");
    assertThat(portuguese.alone(50)).containsExactly("cinquenta");
    assertThat(portuguese.alone(87)).containsExactly("oitenta", "e", "sete");
    assertThat(portuguese.beforeNoun(1)).containsExactly("um");
  }

  @Test
  void spanishSaysUpToTwentyNineAsOneWordThenTensYUnit() {
    assertThat(spanish.alone(1)).containsExactly("uno");
    assertThat(spanish.alone(16)).containsExactly("dieciseis");
    assertThat(spanish.alone(21)).containsExactly("veintiuno");
    assertThat(spanish.alone(22)).containsExactly("veintidos");
    assertThat(spanish.alone(30)).containsExactly("treinta");
    assertThat(spanish.alone(31)).containsExactly("treinta", "y", "uno");
    assertThat(spanish.alone(99)).containsExactly("noventa", "y", "nueve");
  }

  @Test
  void spanishShortensUnoBeforeANoun() {
    assertThat(spanish.beforeNoun(1)).containsExactly("un");
    assertThat(spanish.beforeNoun(21)).containsExactly("veintiun");
    assertThat(spanish.beforeNoun(31)).containsExactly("treinta", "y", "un");
    assertThat(spanish.beforeNoun(11)).containsExactly("once");
    assertThat(spanish.beforeNoun(25)).containsExactly("veinticinco");
  }

  @Test
  void onlyOneToNinetyNineAreSaid() {
    for (NumberWords words : List.of(english, portuguese, spanish)) {
      assertThatThrownBy(() -> words.alone(0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> words.beforeNoun(100)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
