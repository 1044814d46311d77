package io.ramal.sip.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks stateless nonces, and remembers how they were used to stop replays.
 *
 * <h2>Format</h2>
 *
 * A nonce is 64 lower-case hex digits: the issue time (epoch milliseconds, 8 bytes), 8 random
 * bytes, and the first 16 bytes of {@code HMAC-SHA256(secret, time || random || realm)}. No state
 * is kept per issued nonce, so challenges cost no memory, a nonce cannot be forged or moved to
 * another realm, and any node sharing the secret can check it.
 *
 * <h2>Lifetime</h2>
 *
 * A correctly signed nonce older than {@link NoncePolicy#lifetime()} is {@linkplain
 * NonceValidity.Expired expired}: the verifier answers a correct response with a {@code
 * stale=TRUE} challenge instead of accepting it.
 *
 * <h2>Replay policy</h2>
 *
 * Uses are recorded only after the response digest was verified, so a forger cannot burn a
 * legitimate client's nonce.
 *
 * <ul>
 *   <li>With {@code qop=auth} a client may reuse a nonce for its whole lifetime, but its {@code
 *       nc} must strictly increase from one use to the next; anything else is a replay.
 *   <li>Without {@code qop} (RFC 2069) a nonce may be used exactly once. The verifier answers a
 *       second use as <em>stale</em> rather than as a failure: an honest client simply computes a
 *       new response for a fresh nonce without prompting its user, while a replayed request still
 *       gains nothing.
 *   <li>Memory is bounded by {@link NoncePolicy#maxTrackedNonces()}: remembered nonces are
 *       dropped once expired, and when the cap is hit the oldest is dropped early. Every nonce
 *       issued no later than a dropped one is then treated as stale on its next use, so dropping
 *       history can cost an honest client one extra round trip but never allows a replay.
 * </ul>
 *
 * Replay history lives in this object only: after a restart, or on another node of a cluster,
 * a captured request can be replayed until its nonce expires. Keep the lifetime short.
 *
 * <p>Thread-safe: all methods synchronize on this instance and never block.
 */
public final class NonceIssuer {

  private static final int TIME_BYTES = 8;
  private static final int RANDOM_BYTES = 8;
  private static final int MAC_BYTES = 16;
  private static final int NONCE_BYTES = TIME_BYTES + RANDOM_BYTES + MAC_BYTES;
  private static final int MIN_SECRET_BYTES = 16;
  private static final HexFormat HEX = HexFormat.of();

  private final SecretKeySpec key;
  private final InstantSource clock;
  private final NoncePolicy policy;
  private final RandomGenerator random;
  private final RecencyMap<String, Usage> uses;
  private long forgottenUpToMillis = Long.MIN_VALUE;

  /** An issuer drawing random bytes from a {@link SecureRandom}. */
  public NonceIssuer(byte[] secret, InstantSource clock, NoncePolicy policy) {
    this(secret, clock, policy, new SecureRandom());
  }

  /**
   * @param secret HMAC key, at least 16 bytes (copied); share it between nodes that must accept
   *     each other's nonces
   * @param clock source of the current time
   * @param policy lifetime and replay memory
   * @param random source of the random part of each nonce
   */
  public NonceIssuer(
      byte[] secret, InstantSource clock, NoncePolicy policy, RandomGenerator random) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("secret needs at least " + MIN_SECRET_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.random = Objects.requireNonNull(random, "random");
    this.uses = new RecencyMap<>(policy.maxTrackedNonces());
  }

  public NoncePolicy policy() {
    return policy;
  }

  /** A fresh nonce for {@code realm}, stamped with the current time. */
  public synchronized String issue(String realm) {
    Objects.requireNonNull(realm, "realm");
    byte[] nonce = new byte[NONCE_BYTES];
    ByteBuffer.wrap(nonce).putLong(clock.instant().toEpochMilli());
    byte[] randomPart = new byte[RANDOM_BYTES];
    random.nextBytes(randomPart);
    System.arraycopy(randomPart, 0, nonce, TIME_BYTES, RANDOM_BYTES);
    byte[] mac = mac(nonce, realm);
    System.arraycopy(mac, 0, nonce, TIME_BYTES + RANDOM_BYTES, MAC_BYTES);
    return HEX.formatHex(nonce);
  }

  /** Whether {@code nonce} was issued by us for {@code realm}, and whether it is still fresh. */
  public synchronized NonceValidity check(String nonce, String realm) {
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(realm, "realm");
    if (nonce.length() != NONCE_BYTES * 2 || !isLowerHex(nonce)) {
      return new NonceValidity.Invalid("malformed nonce");
    }
    byte[] bytes = HEX.parseHex(nonce);
    byte[] expected = mac(bytes, realm);
    byte[] given = Arrays.copyOfRange(bytes, TIME_BYTES + RANDOM_BYTES, NONCE_BYTES);
    if (!MessageDigest.isEqual(expected, given)) {
      return new NonceValidity.Invalid("nonce signature mismatch");
    }
    Instant issuedAt = Instant.ofEpochMilli(ByteBuffer.wrap(bytes).getLong());
    if (isExpired(issuedAt.toEpochMilli(), clock.instant())) {
      return new NonceValidity.Expired(issuedAt);
    }
    return new NonceValidity.Valid(issuedAt);
  }

  /**
   * Records a verified use of a {@linkplain NonceValidity.Valid valid} nonce and says whether it
   * is fresh (see the replay policy above).
   *
   * @param nonceCount the {@code nc} of a {@code qop} request; empty for RFC 2069 requests
   */
  synchronized NonceUse recordUse(String nonce, Instant issuedAt, OptionalLong nonceCount) {
    Instant now = clock.instant();
    forgetExpired(now);
    Usage usage = uses.get(nonce);
    if (usage == null) {
      if (issuedAt.toEpochMilli() <= forgottenUpToMillis) {
        return NonceUse.FORGOTTEN;
      }
      uses.putLast(nonce, new Usage(issuedAt.toEpochMilli(), nonceCount.orElse(-1)))
          .ifPresent(evicted -> forget(evicted.issuedAtMillis));
      return NonceUse.FRESH;
    }
    if (nonceCount.isEmpty() || usage.lastCount < 0 || nonceCount.getAsLong() <= usage.lastCount) {
      return NonceUse.REPEATED;
    }
    usage.lastCount = nonceCount.getAsLong();
    return NonceUse.FRESH;
  }

  /** How many used nonces are remembered right now. */
  public synchronized int trackedNonceCount() {
    return uses.size();
  }

  private void forgetExpired(Instant now) {
    while (true) {
      Usage eldest = uses.eldest().orElse(null);
      if (eldest == null || !isExpired(eldest.issuedAtMillis, now)) {
        return;
      }
      uses.removeEldest();
      forget(eldest.issuedAtMillis);
    }
  }

  private void forget(long issuedAtMillis) {
    forgottenUpToMillis = Math.max(forgottenUpToMillis, issuedAtMillis);
  }

  private boolean isExpired(long issuedAtMillis, Instant now) {
    return now.toEpochMilli() - issuedAtMillis > policy.lifetime().toMillis();
  }

  private byte[] mac(byte[] nonce, String realm) {
    Mac mac;
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JDK provides HmacSHA256", e);
    }
    mac.update(nonce, 0, TIME_BYTES + RANDOM_BYTES);
    mac.update(realm.getBytes(StandardCharsets.UTF_8));
    return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
  }

  private static boolean isLowerHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** How one remembered nonce was used; mutated in place so insertion order stays first use. */
  private static final class Usage {
    final long issuedAtMillis;
    long lastCount;

    Usage(long issuedAtMillis, long lastCount) {
      this.issuedAtMillis = issuedAtMillis;
      this.lastCount = lastCount;
    }
  }
}
