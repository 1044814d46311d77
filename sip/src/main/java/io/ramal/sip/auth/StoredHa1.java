package io.ramal.sip.auth;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a server stores for a SIP user instead of the password: {@code H(username:realm:password)}
 * for each digest algorithm it may verify (RFC 7616 §3.4.2). Since HA1 is bound to the realm, a
 * change of realm needs new values.
 *
 * <p>{@link #toString()} never reveals the hashes: an HA1 is password-equivalent for that realm.
 *
 * @param hashes lower-case hex HA1 per algorithm; at least one
 */
public record StoredHa1(Map<DigestAlgorithm, String> hashes) {

  public StoredHa1 {
    Objects.requireNonNull(hashes, "hashes");
    if (hashes.isEmpty()) {
      throw new IllegalArgumentException("at least one HA1 is needed");
    }
    EnumMap<DigestAlgorithm, String> copy = new EnumMap<>(DigestAlgorithm.class);
    hashes.forEach(
        (algorithm, hex) -> {
          Objects.requireNonNull(algorithm, "algorithm");
          Objects.requireNonNull(hex, "hex");
          if (!algorithm.isHash(hex)) {
            throw new IllegalArgumentException("not a hex " + algorithm.token() + " hash");
          }
          copy.put(algorithm, DigestAlgorithm.lowerHex(hex));
        });
    hashes = Map.copyOf(copy);
  }

  /** HA1 for every supported algorithm, computed from a password that is then forgotten. */
  public static StoredHa1 derive(String username, String realm, String password) {
    EnumMap<DigestAlgorithm, String> hashes = new EnumMap<>(DigestAlgorithm.class);
    for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
      hashes.put(algorithm, algorithm.ha1(username, realm, password));
    }
    return new StoredHa1(hashes);
  }

  /** A single stored HA1. */
  public static StoredHa1 of(DigestAlgorithm algorithm, String ha1Hex) {
    return new StoredHa1(Map.of(algorithm, ha1Hex));
  }

  /** The stored HA1 for {@code algorithm}, if there is one. */
  public Optional<String> forAlgorithm(DigestAlgorithm algorithm) {
    return Optional.ofNullable(hashes.get(Objects.requireNonNull(algorithm, "algorithm")));
  }

  @Override
  public String toString() {
    return "StoredHa1" + new TreeSet<>(hashes.keySet());
  }
}
