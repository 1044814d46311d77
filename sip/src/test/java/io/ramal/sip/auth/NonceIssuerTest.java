package io.ramal.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NonceIssuerTest {

  private static final byte[] SECRET =
      "0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8);

  private final ManualClock clock = new ManualClock();
  private final NonceIssuer issuer =
      new NonceIssuer(
          SECRET, clock, new NoncePolicy(Duration.ofMinutes(5), 3), new SplittableRandom(7));

  private Instant issuedAt(String nonce) {
    return ((NonceValidity.Valid) issuer.check(nonce, "pbx")).issuedAt();
  }

  @Test
  void acceptsOwnNonceForItsRealm() {
    String nonce = issuer.issue("pbx");

    assertThat(nonce).hasSize(64).matches("[0-9a-f]+");
    assertThat(issuer.check(nonce, "pbx")).isEqualTo(new NonceValidity.Valid(clock.instant()));
  }

  @Test
  void issuesDistinctNoncesWithinOneMillisecond() {
    assertThat(issuer.issue("pbx")).isNotEqualTo(issuer.issue("pbx"));
  }

  @Test
  void rejectsNonceOfAnotherRealm() {
    String nonce = issuer.issue("tenant-a");

    assertThat(issuer.check(nonce, "tenant-b")).isInstanceOf(NonceValidity.Invalid.class);
  }

  @Test
  void rejectsTamperedNonceAnywhere() {
    String nonce = issuer.issue("pbx");

    for (int position : new int[] {0, 15, 16, 31, 32, 63}) {
      char original = nonce.charAt(position);
      char flipped = original == '0' ? '1' : '0';
      String tampered = nonce.substring(0, position) + flipped + nonce.substring(position + 1);

      assertThat(issuer.check(tampered, "pbx"))
          .as("digit %d changed", position)
          .isEqualTo(new NonceValidity.Invalid("nonce signature mismatch"));
    }
  }

  @Test
  void rejectsNonceSignedWithAnotherSecret() {
    NonceIssuer other =
        new NonceIssuer(
            "another-secret-of-enough-length".getBytes(StandardCharsets.UTF_8),
            clock,
            NoncePolicy.defaults());

    assertThat(issuer.check(other.issue("pbx"), "pbx")).isInstanceOf(NonceValidity.Invalid.class);
  }

  @Test
  void rejectsMalformedNonces() {
    String nonce = issuer.issue("pbx");

    assertThat(issuer.check(nonce.toUpperCase(java.util.Locale.ROOT), "pbx"))
        .isEqualTo(new NonceValidity.Invalid("malformed nonce"));
    assertThat(issuer.check(nonce.substring(1), "pbx"))
        .isEqualTo(new NonceValidity.Invalid("malformed nonce"));
    assertThat(issuer.check("dcd98b7102dd2f0e8b11d0f600bfb0c093", "pbx"))
        .isEqualTo(new NonceValidity.Invalid("malformed nonce"));
  }

  @Test
  void expiresNonceAfterLifetime() {
    String nonce = issuer.issue("pbx");
    Instant issued = clock.instant();

    clock.advance(Duration.ofMinutes(5));
    assertThat(issuer.check(nonce, "pbx")).isEqualTo(new NonceValidity.Valid(issued));

    clock.advance(Duration.ofMillis(1));
    assertThat(issuer.check(nonce, "pbx")).isEqualTo(new NonceValidity.Expired(issued));
  }

  @Test
  void acceptsOnlyStrictlyIncreasingNonceCounts() {
    String nonce = issuer.issue("pbx");
    Instant issued = issuedAt(nonce);

    assertThat(issuer.recordUse(nonce, issued, OptionalLong.of(1))).isEqualTo(NonceUse.FRESH);
    assertThat(issuer.recordUse(nonce, issued, OptionalLong.of(1))).isEqualTo(NonceUse.REPEATED);
    assertThat(issuer.recordUse(nonce, issued, OptionalLong.of(3))).isEqualTo(NonceUse.FRESH);
    assertThat(issuer.recordUse(nonce, issued, OptionalLong.of(2))).isEqualTo(NonceUse.REPEATED);
    assertThat(issuer.recordUse(nonce, issued, OptionalLong.empty())).isEqualTo(NonceUse.REPEATED);
  }

  @Test
  void acceptsNonceWithoutCountOnlyOnce() {
    String nonce = issuer.issue("pbx");
    Instant issued = issuedAt(nonce);

    assertThat(issuer.recordUse(nonce, issued, OptionalLong.empty())).isEqualTo(NonceUse.FRESH);
    assertThat(issuer.recordUse(nonce, issued, OptionalLong.empty())).isEqualTo(NonceUse.REPEATED);
    assertThat(issuer.recordUse(nonce, issued, OptionalLong.of(5))).isEqualTo(NonceUse.REPEATED);
  }

  @Test
  void capsRememberedNoncesWithoutReopeningReplays() {
    String neverUsedOldNonce = issuer.issue("pbx");
    clock.advance(Duration.ofSeconds(1));
    String first = issuer.issue("pbx");
    issuer.recordUse(first, issuedAt(first), OptionalLong.of(1));
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(1));
      String nonce = issuer.issue("pbx");
      issuer.recordUse(nonce, issuedAt(nonce), OptionalLong.of(1));
    }

    assertThat(issuer.trackedNonceCount()).isEqualTo(3);
    assertThat(issuer.recordUse(first, issuedAt(first), OptionalLong.of(1)))
        .isEqualTo(NonceUse.FORGOTTEN);
    assertThat(issuer.recordUse(neverUsedOldNonce, issuedAt(neverUsedOldNonce), OptionalLong.of(1)))
        .isEqualTo(NonceUse.FORGOTTEN);
    clock.advance(Duration.ofSeconds(1));
    String later = issuer.issue("pbx");
    assertThat(issuer.recordUse(later, issuedAt(later), OptionalLong.of(1)))
        .isEqualTo(NonceUse.FRESH);
    assertThat(issuer.trackedNonceCount()).isEqualTo(3);
  }

  @Test
  void forgetsExpiredNoncesByAge() {
    for (int i = 0; i < 3; i++) {
      String nonce = issuer.issue("pbx");
      issuer.recordUse(nonce, issuedAt(nonce), OptionalLong.of(1));
    }
    assertThat(issuer.trackedNonceCount()).isEqualTo(3);

    clock.advance(Duration.ofMinutes(6));
    String fresh = issuer.issue("pbx");
    issuer.recordUse(fresh, issuedAt(fresh), OptionalLong.empty());

    assertThat(issuer.trackedNonceCount()).isEqualTo(1);
  }

  @Test
  void refusesShortSecret() {
    assertThatThrownBy(() -> new NonceIssuer(new byte[15], clock, NoncePolicy.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
