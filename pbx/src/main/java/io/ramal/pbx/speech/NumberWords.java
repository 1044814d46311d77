package io.ramal.pbx.speech;

import io.ramal.cti.Language;
import java.util.List;

/**
 * How a language says the whole numbers 1 to {@value #MAX}, as the names of the shipped word prompts:
 * "twenty", "one"; "vinte", "e", "um"; "veintiuno". Pure.
 */
public sealed interface NumberWords permits EnglishNumbers, PortugueseNumbers, SpanishNumbers {
  /** The largest number said. */
  int MAX = 99;

  /** {@code n} said on its own, as after "number": "twenty one", "vinte e um", "veintiuno". */
  List<String> alone(int n);

  /**
   * {@code n} said before a masculine noun (minutes): the same as {@link #alone} except where the
   * language shortens it (Spanish "veintiún minutos").
   */
  default List<String> beforeNoun(int n) {
    return alone(n);
  }

  static NumberWords of(Language language) {
    return switch (language) {
      case EN -> new EnglishNumbers();
      case PT -> new PortugueseNumbers();
      case ES -> new SpanishNumbers();
    };
  }

  /** Refuses numbers outside 1 to {@link #MAX}. */
  static int checked(int n) {
    if (n < 1 || n > MAX) throw new IllegalArgumentException("only 1 to " + MAX + " are said, not " + n);
    return n;
  }
}
