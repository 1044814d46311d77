package io.ramal.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DigestVerifierTest {

  private static final String REALM = "acme.pbx";
  private static final String USER = "1001";
  private static final String PASSWORD = "correct horse";
  private static final StoredHa1 STORED = StoredHa1.derive(USER, REALM, PASSWORD);

  private final ManualClock clock = new ManualClock();
  private final NonceIssuer nonces =
      new NonceIssuer(
          "server-secret-for-tests".getBytes(StandardCharsets.UTF_8),
          clock,
          new NoncePolicy(Duration.ofMinutes(5), 100),
          new SplittableRandom(1));
  private final DigestVerifier verifier = new DigestVerifier(nonces);
  private int cnonce;
  private final DigestAuthorizer phone =
      new DigestAuthorizer(USER, PASSWORD, () -> "cn" + (++cnonce));

  /** What a phone sends after receiving the header the verifier would send. */
  private DigestCredentials phoneAnswers(DigestChallenge challenge, String method) {
    DigestChallenge onTheWire =
        DigestChallenge.parse(challenge.toHeaderValue()).value().orElseThrow();
    String header =
        phone.authorize(onTheWire, method, "sip:acme.pbx").value().orElseThrow().toHeaderValue();
    return DigestCredentials.parse(header).value().orElseThrow();
  }

  private DigestChallenge challenge() {
    return verifier.challenges(REALM, false).get(0);
  }

  private DigestOutcome verify(DigestCredentials credentials) {
    return verifier.verify("REGISTER", credentials, REALM, STORED);
  }

  private static DigestOutcome rejected(DigestOutcome.Reason reason) {
    return new DigestOutcome.Rejected(reason);
  }

  @Test
  void offersMd5OnlyByDefault() {
    List<DigestChallenge> challenges = verifier.challenges(REALM, false);

    assertThat(challenges).singleElement().satisfies(challenge -> {
      assertThat(challenge.algorithm()).isEqualTo(DigestAlgorithm.MD5);
      assertThat(challenge.qop()).containsExactly("auth");
      assertThat(challenge.stale()).isFalse();
      assertThat(nonces.check(challenge.nonce(), REALM)).isInstanceOf(NonceValidity.Valid.class);
    });
  }

  @Test
  void offersSha256FirstWhenConfigured() {
    DigestVerifier both =
        new DigestVerifier(nonces, EnumSet.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256));

    List<DigestChallenge> challenges = both.challenges(REALM, true);

    assertThat(challenges)
        .extracting(DigestChallenge::algorithm)
        .containsExactly(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
    assertThat(challenges).allSatisfy(challenge -> assertThat(challenge.stale()).isTrue());
  }

  @Test
  void acceptsCredentialsComputedByAuthorizer() {
    assertThat(verify(phoneAnswers(challenge(), "REGISTER")))
        .isEqualTo(new DigestOutcome.Accepted(USER));
  }

  @Test
  void acceptsSha256RoundTrip() {
    DigestVerifier sha = new DigestVerifier(nonces, EnumSet.of(DigestAlgorithm.SHA_256));
    DigestCredentials credentials = phoneAnswers(sha.challenges(REALM, false).get(0), "INVITE");

    assertThat(credentials.algorithm()).isEqualTo("SHA-256");
    assertThat(sha.verify("INVITE", credentials, REALM, STORED))
        .isEqualTo(new DigestOutcome.Accepted(USER));
  }

  @Test
  void acceptsReusedNonceWithIncreasingCount() {
    DigestChallenge challenge = challenge();

    DigestCredentials first = phoneAnswers(challenge, "REGISTER");
    DigestCredentials second = phoneAnswers(challenge, "REGISTER");

    assertThat(second.nonce()).isEqualTo(first.nonce());
    assertThat(verify(first)).isEqualTo(new DigestOutcome.Accepted(USER));
    assertThat(verify(second)).isEqualTo(new DigestOutcome.Accepted(USER));
  }

  @Test
  void rejectsReplayedNonceCount() {
    DigestCredentials credentials = phoneAnswers(challenge(), "REGISTER");

    assertThat(verify(credentials)).isInstanceOf(DigestOutcome.Accepted.class);
    assertThat(verify(credentials)).isEqualTo(rejected(DigestOutcome.Reason.REPLAYED));
  }

  @Test
  void answersStaleAfterNonceLifetime() {
    DigestCredentials credentials = phoneAnswers(challenge(), "REGISTER");

    clock.advance(Duration.ofMinutes(5).plusSeconds(1));

    assertThat(verify(credentials)).isEqualTo(new DigestOutcome.Stale());
  }

  @Test
  void rejectsWrongPasswordEvenWhenNonceIsStale() {
    DigestAuthorizer guesser = new DigestAuthorizer(USER, "wrong", () -> "x");
    DigestCredentials guess =
        guesser.authorize(challenge(), "REGISTER", "sip:acme.pbx").value().orElseThrow();

    assertThat(verify(guess)).isEqualTo(rejected(DigestOutcome.Reason.WRONG_RESPONSE));
    clock.advance(Duration.ofHours(1));
    assertThat(verify(guess)).isEqualTo(rejected(DigestOutcome.Reason.WRONG_RESPONSE));
  }

  @Test
  void rejectsTamperedNonce() {
    DigestChallenge genuine = challenge();
    String nonce = genuine.nonce();
    String tampered = (nonce.charAt(0) == '0' ? "1" : "0") + nonce.substring(1);
    DigestCredentials credentials = phoneAnswers(genuine, "REGISTER");
    DigestCredentials withTamperedNonce =
        new DigestCredentials(
            credentials.username(),
            credentials.realm(),
            tampered,
            credentials.uri(),
            credentials.response(),
            credentials.algorithm(),
            credentials.cnonce(),
            credentials.qop(),
            credentials.nc(),
            credentials.opaque());

    assertThat(verify(withTamperedNonce)).isEqualTo(rejected(DigestOutcome.Reason.INVALID_NONCE));
  }

  @Test
  void answersStaleToCorrectResponseForForeignNonce() {
    DigestChallenge foreign =
        DigestChallenge.of(REALM, "issued-before-restart", DigestAlgorithm.MD5, false);

    assertThat(verify(phoneAnswers(foreign, "REGISTER"))).isEqualTo(new DigestOutcome.Stale());
  }

  @Test
  void rejectsResponseForAnotherMethod() {
    DigestCredentials forRegister = phoneAnswers(challenge(), "REGISTER");

    assertThat(verifier.verify("INVITE", forRegister, REALM, STORED))
        .isEqualTo(rejected(DigestOutcome.Reason.WRONG_RESPONSE));
  }

  @Test
  void rejectsCredentialsForAnotherRealm() {
    DigestCredentials credentials = phoneAnswers(challenge(), "REGISTER");

    assertThat(verifier.verify("REGISTER", credentials, "other.pbx", STORED))
        .isEqualTo(rejected(DigestOutcome.Reason.WRONG_REALM));
  }

  @Test
  void rejectsAlgorithmNotOffered() {
    DigestVerifier sha = new DigestVerifier(nonces, EnumSet.of(DigestAlgorithm.SHA_256));
    DigestCredentials sha256 = phoneAnswers(sha.challenges(REALM, false).get(0), "REGISTER");
    DigestCredentials unknown =
        DigestCredentials.parse(
                "Digest username=\"1001\", realm=\"acme.pbx\", nonce=\"n\", uri=\"sip:acme.pbx\","
                    + " response=\"00\", algorithm=MD5-sess")
            .value()
            .orElseThrow();

    assertThat(verify(sha256)).isEqualTo(rejected(DigestOutcome.Reason.UNSUPPORTED_ALGORITHM));
    assertThat(verify(unknown)).isEqualTo(rejected(DigestOutcome.Reason.UNSUPPORTED_ALGORITHM));
  }

  @Test
  void rejectsAlgorithmWithoutStoredHa1() {
    DigestVerifier sha = new DigestVerifier(nonces, EnumSet.of(DigestAlgorithm.SHA_256));
    DigestCredentials sha256 = phoneAnswers(sha.challenges(REALM, false).get(0), "REGISTER");
    StoredHa1 md5Only =
        StoredHa1.of(DigestAlgorithm.MD5, DigestAlgorithm.MD5.ha1(USER, REALM, PASSWORD));

    assertThat(sha.verify("REGISTER", sha256, REALM, md5Only))
        .isEqualTo(rejected(DigestOutcome.Reason.MISSING_HA1));
  }

  @Test
  void rejectsAuthInt() {
    DigestCredentials credentials = phoneAnswers(challenge(), "REGISTER");
    DigestCredentials authInt =
        new DigestCredentials(
            credentials.username(),
            credentials.realm(),
            credentials.nonce(),
            credentials.uri(),
            credentials.response(),
            credentials.algorithm(),
            credentials.cnonce(),
            Optional.of("auth-int"),
            credentials.nc(),
            credentials.opaque());

    assertThat(verify(authInt)).isEqualTo(rejected(DigestOutcome.Reason.UNSUPPORTED_QOP));
  }

  @Test
  void acceptsRfc2069CredentialsOnceThenAnswersStale() {
    DigestChallenge withoutQop =
        new DigestChallenge(
            REALM, challenge().nonce(), Optional.empty(), DigestAlgorithm.MD5, List.of(), false);
    DigestCredentials credentials = phoneAnswers(withoutQop, "REGISTER");

    assertThat(credentials.qop()).isEmpty();
    assertThat(verify(credentials)).isEqualTo(new DigestOutcome.Accepted(USER));
    assertThat(verify(credentials)).isEqualTo(new DigestOutcome.Stale());
  }

  @Test
  void acceptsUpperCaseResponseHex() {
    DigestCredentials credentials = phoneAnswers(challenge(), "REGISTER");
    DigestCredentials shouted =
        new DigestCredentials(
            credentials.username(),
            credentials.realm(),
            credentials.nonce(),
            credentials.uri(),
            credentials.response().toUpperCase(java.util.Locale.ROOT),
            credentials.algorithm(),
            credentials.cnonce(),
            credentials.qop(),
            credentials.nc(),
            credentials.opaque());

    assertThat(verify(shouted)).isEqualTo(new DigestOutcome.Accepted(USER));
  }

  @Test
  void countsOnlyGuessesAgainstTheGuard() {
    assertThat(DigestOutcome.Reason.WRONG_RESPONSE.countsAsGuess()).isTrue();
    assertThat(DigestOutcome.Reason.INVALID_NONCE.countsAsGuess()).isTrue();
    assertThat(DigestOutcome.Reason.REPLAYED.countsAsGuess()).isTrue();
    assertThat(DigestOutcome.Reason.WRONG_REALM.countsAsGuess()).isFalse();
    assertThat(DigestOutcome.Reason.UNSUPPORTED_ALGORITHM.countsAsGuess()).isFalse();
  }

  @Test
  void storedHa1NeverShowsHashes() {
    String md5 = STORED.forAlgorithm(DigestAlgorithm.MD5).orElseThrow();

    assertThat(STORED.toString()).doesNotContain(md5);
  }
}
