package io.ramal.pbx.speech;

import java.util.List;

/** English: "seventeen", "forty", "forty two" (the tens and the unit, no hyphen to say). */
public record EnglishNumbers() implements NumberWords {
  private static final List<String> UNDER_TWENTY = List.of("", "one", "two", "three", "four", "five", "six", "seven",
      "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
      "eighteen", "nineteen");
  private static final List<String> TENS = List.of("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
      "eighty", "ninety");

  @Override
  public List<String> alone(int n) {
    NumberWords.checked(n);
    if (n < 20) return List.of(UNDER_TWENTY.get(n));
    if (n % 10 == 0) return List.of(TENS.get(n / 10));
    return List.of(TENS.get(n / 10), UNDER_TWENTY.get(n % 10));
  }
}
