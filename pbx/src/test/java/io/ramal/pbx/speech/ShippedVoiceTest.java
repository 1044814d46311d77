package io.ramal.pbx.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.cti.Language;
import io.ramal.media.Pcm;
import io.ramal.media.audio.Clip;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped prompts: every word an announcement can need exists, and nothing shipped goes unused. */
class ShippedVoiceTest {

  @Test
  void everyPositionAndWaitAnnouncementCanBeSpokenInEveryLanguage() {
    for (Language language : Language.values()) {
      ShippedVoice voice = ShippedVoice.of(language);
      for (String word : wordsNeeded(language)) {
        Optional<Clip> clip = voice.word(word);
        assertThat(clip).as(language + " " + word).isPresent();
        assertThat(clip.get().duration()).as(language + " " + word + " is trimmed speech")
            .isBetween(Duration.ofMillis(150), Duration.ofMillis(2500));
      }
    }
  }

  @Test
  void noShippedPromptIsLeftUnused() throws IOException, URISyntaxException {
    for (Language language : Language.values()) {
      Path dir = Path.of(ShippedVoice.class.getClassLoader()
          .getResource(ShippedVoice.resource(language, "thank-you")).toURI()).getParent();
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(f -> f.getFileName().toString().replace(".wav", "")))
            .as(language.wire()).containsExactlyInAnyOrderElementsOf(wordsNeeded(language));
      }
    }
  }

  @Test
  void sentencesAreTheWordsInOrderWithShortPausesBetweenWordsAndLongerBetweenSentences() {
    ShippedVoice voice = ShippedVoice.of(Language.EN);
    Clip callerNumber = voice.word("caller-number").orElseThrow();
    Clip two = voice.word("two").orElseThrow();
    Clip thanks = voice.word("thank-you").orElseThrow();

    Clip said = voice.say(List.of(List.of("caller-number", "two"), List.of("thank-you")));

    assertThat(said.length()).isEqualTo(callerNumber.length() + ShippedVoice.WORD_GAP_SAMPLES + two.length()
        + ShippedVoice.SENTENCE_GAP_SAMPLES + thanks.length());
    int twoAt = callerNumber.length() + ShippedVoice.WORD_GAP_SAMPLES;
    for (int i = 0; i < two.length(); i++) assertThat(said.sample(twoAt + i)).isEqualTo(two.sample(i));
    assertThat(said.sample(twoAt - 1)).isZero();
    assertThat(ShippedVoice.SENTENCE_GAP_SAMPLES).isGreaterThan(ShippedVoice.WORD_GAP_SAMPLES)
        .isEqualTo(Pcm.SAMPLE_RATE * 4 / 10);
    assertThatThrownBy(() -> voice.say(List.of(List.of("hundred")))).hasMessageContaining("hundred");
    assertThat(ShippedVoice.joined(two, thanks).length())
        .isEqualTo(two.length() + ShippedVoice.SENTENCE_GAP_SAMPLES + thanks.length());
  }

  /** The words of every position 1-99 and every wait 1-60 minutes. */
  private static Set<String> wordsNeeded(Language language) {
    Set<String> words = new HashSet<>();
    for (int position = 1; position <= NumberWords.MAX; position++) {
      new SpokenPosition(language, position, Optional.empty()).sentences().forEach(words::addAll);
    }
    for (int minutes = 1; minutes <= SpokenPosition.MAX_MINUTES; minutes++) {
      new SpokenPosition(language, 1, Optional.of(Duration.ofMinutes(minutes))).sentences().forEach(words::addAll);
    }
    return words;
  }
}
