package io.ramal.sip.id;

import io.ramal.sip.message.Via;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Random identifiers for SIP: Via branches (RFC 3261 §8.1.1.7), tags (§19.3) and Call-IDs
 * (§8.1.1.4). Lower-case base32 text (a–z, 2–7), valid in tokens and words and unchanged by the
 * case-insensitive branch matching: branches and tags carry 80 bits, Call-IDs 160. Not for secrets.
 */
public final class Identifiers {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final int BRANCH_CHARS = 16;
  private static final int TAG_CHARS = 16;
  private static final int CALL_ID_CHARS = 32;

  private final RandomGenerator random;

  public Identifiers(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A fast generator seeded once from {@link SecureRandom}. */
  public static Identifiers create() {
    SecureRandom seeder = new SecureRandom();
    byte[] seed = new byte[16];
    seeder.nextBytes(seed);
    RandomGenerator generator;
    try {
      generator = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    } catch (IllegalArgumentException unavailable) {
      generator = new SplittableRandom(seeder.nextLong());
    }
    return new Identifiers(generator);
  }

  /** {@code z9hG4bK} followed by 80 random bits. */
  public String branch() {
    return Via.MAGIC_COOKIE + text(BRANCH_CHARS);
  }

  public String tag() {
    return text(TAG_CHARS);
  }

  public String callId() {
    return text(CALL_ID_CHARS);
  }

  /** A Call-ID with {@code @host} appended, as RFC 3261 §8.1.1.4 suggests. */
  public String callId(String host) {
    return callId() + "@" + host;
  }

  private String text(int chars) {
    char[] out = new char[chars];
    long bits = 0;
    int available = 0;
    for (int i = 0; i < chars; i++) {
      if (available < 5) {
        bits = random.nextLong();
        available = 64;
      }
      out[i] = ALPHABET[(int) (bits & 31)];
      bits >>>= 5;
      available -= 5;
    }
    return new String(out);
  }
}
