package io.ramal.pbx.speech;

import io.ramal.cti.Language;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a queue says to a waiting caller, as sentences of word prompts: its position ("You are caller
 * number" two), the estimated wait when there is one ("Your estimated wait is" three "minutes"), then
 * "Thank you for waiting". The wait is said in whole minutes rounded up (at least one); a position past
 * {@value NumberWords#MAX} or a wait past {@value #MAX_MINUTES} minutes is left out rather than said
 * wrong. Pure.
 *
 * @param estimatedWait the queue's average answer time, if it has one
 */
public record SpokenPosition(Language language, int position, Optional<Duration> estimatedWait) {
  public static final String CALLER_NUMBER = "caller-number";
  public static final String ESTIMATED_WAIT = "estimated-wait";
  public static final String MINUTE = "minute";
  public static final String MINUTES = "minutes";
  public static final String THANK_YOU = "thank-you";
  /** The longest wait said. */
  public static final int MAX_MINUTES = 60;

  public SpokenPosition {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(estimatedWait, "estimatedWait");
  }

  /** The sentences, each a list of word prompt names, in the order said. */
  public List<List<String>> sentences() {
    NumberWords numbers = NumberWords.of(language);
    List<List<String>> said = new ArrayList<>();
    if (position >= 1 && position <= NumberWords.MAX) {
      said.add(sentence(CALLER_NUMBER, numbers.alone(position)));
    }
    estimatedWait.map(SpokenPosition::minutes).filter(m -> m <= MAX_MINUTES).ifPresent(m -> {
      List<String> wait = sentence(ESTIMATED_WAIT, numbers.beforeNoun(m));
      wait.add(m == 1 ? MINUTE : MINUTES);
      said.add(wait);
    });
    said.add(List.of(THANK_YOU));
    return said.stream().map(List::copyOf).toList();
  }

  /** A wait in whole minutes, rounded up; at least one. */
  static int minutes(Duration wait) {
    long minutes = Math.ceilDiv(Math.max(0, wait.toMillis()), 60_000L);
    return (int) Math.clamp(minutes, 1, Integer.MAX_VALUE);
  }

  private static List<String> sentence(String phrase, List<String> number) {
    List<String> words = new ArrayList<>();
    words.add(phrase);
    words.addAll(number);
    return words;
  }
}
