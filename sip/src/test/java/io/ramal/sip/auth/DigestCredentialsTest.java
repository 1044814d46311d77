package io.ramal.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DigestCredentialsTest {

  private static DigestCredentials parsed(String headerValue) {
    DigestResult<DigestCredentials> result = DigestCredentials.parse(headerValue);
    assertThat(result).isInstanceOf(DigestResult.Success.class);
    return result.value().orElseThrow();
  }

  private static String failureOf(String headerValue) {
    DigestResult<DigestCredentials> result = DigestCredentials.parse(headerValue);
    assertThat(result).isInstanceOf(DigestResult.Failure.class);
    return ((DigestResult.Failure<DigestCredentials>) result).reason();
  }

  @Test
  void parsesRfc2617Example() {
    DigestCredentials credentials =
        parsed(
            """
            Digest username="Mufasa",
                 realm="testrealm@host.com",
                 nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",
                 uri="/dir/index.html",
                 qop=auth,
                 nc=00000001,
                 cnonce="0a4f113b",
                 response="6629fae49393a05397450978507c4ef1",
                 opaque="5ccc069c403ebaf9f0171e9517f40e41\"""");

    assertThat(credentials)
        .isEqualTo(
            new DigestCredentials(
                "Mufasa",
                "testrealm@host.com",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                "/dir/index.html",
                "6629fae49393a05397450978507c4ef1",
                "MD5",
                Optional.of("0a4f113b"),
                Optional.of("auth"),
                Optional.of("00000001"),
                Optional.of("5ccc069c403ebaf9f0171e9517f40e41")));
    assertThat(credentials.nonceCount()).isEqualTo(OptionalLong.of(1));
    assertThat(credentials.knownAlgorithm()).contains(DigestAlgorithm.MD5);
  }

  @Test
  void parsesSipStyleCredentialsWithoutQop() {
    DigestCredentials credentials =
        parsed(
            "Digest username=\"1001\",realm=\"pbx\",nonce=\"n\",uri=\"sip:pbx;transport=tcp\","
                + "response=\"0123456789abcdef0123456789abcdef\",algorithm=MD5");

    assertThat(credentials.uri()).isEqualTo("sip:pbx;transport=tcp");
    assertThat(credentials.qop()).isEmpty();
    assertThat(credentials.nonceCount()).isEmpty();
  }

  @Test
  void keepsUnknownAlgorithmForTheVerifierToRefuse() {
    DigestCredentials credentials =
        parsed("Digest username=u, realm=r, nonce=n, uri=u, response=x, algorithm=SHA-512-256");

    assertThat(credentials.algorithm()).isEqualTo("SHA-512-256");
    assertThat(credentials.knownAlgorithm()).isEmpty();
  }

  @Test
  void roundTripsThroughHeaderValue() {
    DigestCredentials credentials =
        new DigestCredentials(
            "al\"ice",
            "pbx",
            "nonce",
            "sip:bob@pbx",
            "abcdef",
            "SHA-256",
            Optional.of("c\\n"),
            Optional.of("auth"),
            Optional.of("0000000A"),
            Optional.empty());

    assertThat(parsed(credentials.toHeaderValue())).isEqualTo(credentials);
    assertThat(credentials.nonceCount()).isEqualTo(OptionalLong.of(10));
  }

  @Test
  void refusesIncompleteOrInconsistentCredentials() {
    assertThat(failureOf("Digest realm=r, nonce=n, uri=u, response=x")).contains("username");
    assertThat(failureOf("Digest username=u, realm=r, nonce=n, uri=u")).contains("response");
    assertThat(failureOf("Digest username=u, realm=r, nonce=n, uri=u, response=x, qop=auth"))
        .contains("qop requires cnonce and nc");
    assertThat(
            failureOf(
                "Digest username=u, realm=r, nonce=n, uri=u, response=x, qop=auth, cnonce=c,"
                    + " nc=1"))
        .contains("eight hex digits");
    assertThat(
            failureOf(
                "Digest username=u, realm=r, nonce=n, uri=u, response=x, qop=auth, cnonce=c,"
                    + " nc=0000000g"))
        .contains("eight hex digits");
    assertThat(failureOf("Digest username=\"\", realm=r, nonce=n, uri=u, response=x"))
        .contains("username must not be empty");
    assertThat(failureOf("Digest username=u, realm=r, nonce=n, uri=u, response=x, userhash=true"))
        .contains("hashed user names");
    assertThat(failureOf("Basic dXNlcjpwYXNz")).contains("unsupported authentication scheme");
    assertThat(failureOf("Digest username=\"u")).contains("quoted");
  }
}
