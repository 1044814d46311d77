package io.ramal.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestChallengeTest {

  private static DigestChallenge parsed(String headerValue) {
    DigestResult<DigestChallenge> result = DigestChallenge.parse(headerValue);
    assertThat(result).isInstanceOf(DigestResult.Success.class);
    return result.value().orElseThrow();
  }

  private static String failureOf(String headerValue) {
    DigestResult<DigestChallenge> result = DigestChallenge.parse(headerValue);
    assertThat(result).isInstanceOf(DigestResult.Failure.class);
    return ((DigestResult.Failure<DigestChallenge>) result).reason();
  }

  @Test
  void writesServerChallenge() {
    DigestChallenge challenge =
        DigestChallenge.of("pbx.example", "abc123", DigestAlgorithm.MD5, false);

    assertThat(challenge.toHeaderValue())
        .isEqualTo("Digest realm=\"pbx.example\", nonce=\"abc123\", algorithm=MD5, qop=\"auth\"");
  }

  @Test
  void writesStaleFlagAndOpaqueOnlyWhenSet() {
    DigestChallenge challenge =
        new DigestChallenge(
            "pbx", "n", Optional.of("op"), DigestAlgorithm.SHA_256, List.of("auth"), true);

    assertThat(challenge.toHeaderValue())
        .isEqualTo(
            "Digest realm=\"pbx\", nonce=\"n\", opaque=\"op\", algorithm=SHA-256, qop=\"auth\","
                + " stale=TRUE");
  }

  @Test
  void roundTripsThroughHeaderValue() {
    DigestChallenge challenge =
        new DigestChallenge(
            "say \"hi\" \\ realm",
            "nonce",
            Optional.of("o"),
            DigestAlgorithm.SHA_256,
            List.of("auth", "auth-int"),
            true);

    assertThat(parsed(challenge.toHeaderValue())).isEqualTo(challenge);
  }

  @Test
  void parsesRfc7616Challenge() {
    DigestChallenge challenge =
        parsed(
            """
            Digest
                   realm="http-auth@example.org",
                   qop="auth, auth-int",
                   algorithm=SHA-256,
                   nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
                   opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"""");

    assertThat(challenge.realm()).isEqualTo("http-auth@example.org");
    assertThat(challenge.qop()).containsExactly("auth", "auth-int");
    assertThat(challenge.algorithm()).isEqualTo(DigestAlgorithm.SHA_256);
    assertThat(challenge.nonce()).isEqualTo("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v");
    assertThat(challenge.opaque()).contains("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
    assertThat(challenge.stale()).isFalse();
  }

  @Test
  void unescapesQuotedPairs() {
    DigestChallenge challenge = parsed("Digest realm=\"a\\\"b\\\\c\\d\", nonce=\"n\"");

    assertThat(challenge.realm()).isEqualTo("a\"b\\cd");
  }

  @Test
  void toleratesArbitraryWhitespaceFoldingAndCase() {
    DigestChallenge challenge =
        parsed(
            "  dIgEsT\tREALM =\r\n \"r\"\t,,NONCE= \"n\" ,\r\n\tStale = true ,"
                + " ALGORITHM = md5 ,qop=AUTH  ");

    assertThat(challenge.realm()).isEqualTo("r");
    assertThat(challenge.nonce()).isEqualTo("n");
    assertThat(challenge.stale()).isTrue();
    assertThat(challenge.algorithm()).isEqualTo(DigestAlgorithm.MD5);
    assertThat(challenge.offersQopAuth()).isTrue();
  }

  @Test
  void unfoldsLineBreakInsideQuotedString() {
    assertThat(parsed("Digest realm=\"a\r\n   b\", nonce=n").realm()).isEqualTo("a b");
  }

  @Test
  void ignoresUnknownParameters() {
    DigestChallenge challenge =
        parsed(
            "Digest realm=\"r\", domain=\"sip:a sip:b\", x-future=token, nonce=\"n\","
                + " charset=UTF-8, userhash=false");

    assertThat(challenge.realm()).isEqualTo("r");
    assertThat(challenge.nonce()).isEqualTo("n");
  }

  @Test
  void defaultsToMd5WithoutQop() {
    DigestChallenge challenge = parsed("Digest realm=\"r\", nonce=\"n\"");

    assertThat(challenge.algorithm()).isEqualTo(DigestAlgorithm.MD5);
    assertThat(challenge.qop()).isEmpty();
    assertThat(challenge.opaque()).isEmpty();
  }

  @Test
  void keepsParsingUnderTurkishLocale() {
    java.util.Locale saved = java.util.Locale.getDefault();
    java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
    try {
      DigestChallenge challenge = parsed("DIGEST REALM=\"r\", NONCE=\"n\", QOP=\"AUTH-INT,AUTH\"");

      assertThat(challenge.qop()).containsExactly("auth-int", "auth");
    } finally {
      java.util.Locale.setDefault(saved);
    }
  }

  @Test
  void refusesMalformedChallenges() {
    assertThat(failureOf("")).contains("scheme");
    assertThat(failureOf("Basic realm=\"r\"")).contains("unsupported authentication scheme");
    assertThat(failureOf("Digest")).contains("no digest parameters");
    assertThat(failureOf("Digestrealm=\"r\"")).contains("unsupported authentication scheme");
    assertThat(failureOf("Digest realm=\"r, nonce=\"n\"")).contains("realm");
    assertThat(failureOf("Digest realm=\"unterminated")).contains("quoted");
    assertThat(failureOf("Digest realm=\"r\" nonce=\"n\"")).contains("expected ','");
    assertThat(failureOf("Digest realm=\"r\", realm=\"s\", nonce=n")).contains("duplicate");
    assertThat(failureOf("Digest realm=, nonce=n")).contains("value");
    assertThat(failureOf("Digest realm=\"a\r\nb\", nonce=n")).contains("quoted");
    assertThat(failureOf("Digest realm=\"a\u0000\", nonce=n")).contains("quoted");
    assertThat(failureOf("Digest =x, nonce=n")).contains("parameter name");
    assertThat(failureOf("Digest nonce=\"n\"")).contains("realm");
    assertThat(failureOf("Digest realm=\"r\"")).contains("nonce");
    assertThat(failureOf("Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess"))
        .contains("unsupported algorithm");
  }

  @Test
  void picksStrongestSupportedAmongSeveralHeaders() {
    List<String> headers =
        List.of(
            "Digest realm=\"r\", nonce=\"md5\", algorithm=MD5, qop=\"auth\"",
            "Digest realm=\"r\", nonce=\"sha512\", algorithm=SHA-512-256, qop=\"auth\"",
            "Digest realm=\"r\", nonce=\"sha256\", algorithm=SHA-256, qop=\"auth\"",
            "Basic realm=\"r\"");

    assertThat(DigestChallenge.strongest(headers)).map(DigestChallenge::nonce).contains("sha256");
    assertThat(DigestChallenge.strongest(List.of("Basic realm=\"r\""))).isEmpty();
  }
}
