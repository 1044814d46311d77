package io.ramal.pbx.call;

import java.time.Duration;

/**
 * Where calls are parked: slots {@code first}..{@code last} (the numbers phones dial to pick a
 * call up, the same for every tenant) and how long a call stays parked before it rings the
 * parker back.
 */
public record ParkSettings(int first, int last, Duration timeout) {
  public static final ParkSettings DEFAULTS = new ParkSettings(701, 720, Duration.ofSeconds(60));

  public ParkSettings {
    if (first < 0 || last < first) throw new IllegalArgumentException("park slots must be a range first..last, got "
        + first + ".." + last);
    if (last - first >= 1000) throw new IllegalArgumentException("at most 1000 park slots");
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("park timeout must be positive");
  }

  /** Whether {@code number} (as dialled) is one of the slots. */
  public boolean isSlot(String number) {
    if (number.isEmpty() || number.length() > 9 || !number.chars().allMatch(Character::isDigit)) return false;
    if (number.length() > 1 && number.charAt(0) == '0') return false;
    int n = Integer.parseInt(number);
    return n >= first && n <= last;
  }
}
