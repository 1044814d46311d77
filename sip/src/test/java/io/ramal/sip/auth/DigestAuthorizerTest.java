package io.ramal.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestAuthorizerTest {

  private static DigestCredentials answer(
      DigestAuthorizer authorizer, DigestChallenge challenge, String method, String uri) {
    DigestResult<DigestCredentials> result = authorizer.authorize(challenge, method, uri);
    assertThat(result).isInstanceOf(DigestResult.Success.class);
    return result.value().orElseThrow();
  }

  @Test
  void answersRfc2617ExampleWithQopAuth() {
    DigestChallenge challenge =
        DigestChallenge.parse(
                """
                Digest
                     realm="testrealm@host.com",
                     qop="auth,auth-int",
                     nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",
                     opaque="5ccc069c403ebaf9f0171e9517f40e41\"""")
            .value()
            .orElseThrow();
    DigestAuthorizer authorizer =
        new DigestAuthorizer("Mufasa", "Circle Of Life", () -> "0a4f113b");

    DigestCredentials credentials = answer(authorizer, challenge, "GET", "/dir/index.html");

    assertThat(credentials.response()).isEqualTo("6629fae49393a05397450978507c4ef1");
    assertThat(credentials.toHeaderValue())
        .isEqualTo(
            "Digest username=\"Mufasa\", realm=\"testrealm@host.com\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\","
                + " response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5,"
                + " cnonce=\"0a4f113b\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", qop=auth,"
                + " nc=00000001");
  }

  @Test
  void answersRfc7616Sha256Example() {
    DigestChallenge challenge =
        new DigestChallenge(
            "http-auth@example.org",
            "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
            Optional.of("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"),
            DigestAlgorithm.SHA_256,
            List.of("auth", "auth-int"),
            false);
    DigestAuthorizer authorizer =
        new DigestAuthorizer(
            "Mufasa", "Circle of Life", () -> "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");

    DigestCredentials credentials = answer(authorizer, challenge, "GET", "/dir/index.html");

    assertThat(credentials.response())
        .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    assertThat(credentials.algorithm()).isEqualTo("SHA-256");
    assertThat(credentials.nc()).contains("00000001");
  }

  @Test
  void computesRfc7616Md5ExampleTheSameWay() {
    DigestChallenge challenge =
        new DigestChallenge(
            "http-auth@example.org",
            "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
            Optional.empty(),
            DigestAlgorithm.MD5,
            List.of("auth"),
            false);
    DigestAuthorizer authorizer =
        new DigestAuthorizer(
            "Mufasa", "Circle of Life", () -> "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");

    assertThat(answer(authorizer, challenge, "GET", "/dir/index.html").response())
        .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
  }

  @Test
  void countsRequestsPerNonceAndRestartsForNewNonce() {
    DigestAuthorizer authorizer = new DigestAuthorizer("1001", "secret", () -> "c");
    DigestChallenge first = DigestChallenge.of("pbx", "n1", DigestAlgorithm.MD5, false);
    DigestChallenge second = DigestChallenge.of("pbx", "n2", DigestAlgorithm.MD5, true);

    assertThat(answer(authorizer, first, "REGISTER", "sip:pbx").nc()).contains("00000001");
    assertThat(answer(authorizer, first, "REGISTER", "sip:pbx").nc()).contains("00000002");
    assertThat(answer(authorizer, second, "REGISTER", "sip:pbx").nc()).contains("00000001");
    assertThat(answer(authorizer, first, "INVITE", "sip:2000@pbx").nc()).contains("00000003");
  }

  @Test
  void answersChallengeWithoutQopTheRfc2069Way() {
    DigestAuthorizer authorizer = new DigestAuthorizer("Mufasa", "Circle Of Life", () -> "unused");
    DigestChallenge challenge =
        new DigestChallenge(
            "testrealm@host.com",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            Optional.empty(),
            DigestAlgorithm.MD5,
            List.of(),
            false);

    DigestCredentials credentials = answer(authorizer, challenge, "GET", "/dir/index.html");

    assertThat(credentials.qop()).isEmpty();
    assertThat(credentials.cnonce()).isEmpty();
    assertThat(credentials.nc()).isEmpty();
    String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
    String ha2 = DigestAlgorithm.MD5.hash("GET:/dir/index.html");
    assertThat(credentials.response())
        .isEqualTo(DigestAlgorithm.MD5.hash(ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:" + ha2));
  }

  @Test
  void cannotAnswerAuthIntOnlyChallenge() {
    DigestAuthorizer authorizer = new DigestAuthorizer("1001", "secret");
    DigestChallenge challenge =
        new DigestChallenge(
            "pbx", "n", Optional.empty(), DigestAlgorithm.MD5, List.of("auth-int"), false);

    assertThat(authorizer.authorize(challenge, "INVITE", "sip:pbx"))
        .isInstanceOf(DigestResult.Failure.class);
  }

  @Test
  void neverShowsPassword() {
    assertThat(new DigestAuthorizer("1001", "hunter2").toString()).doesNotContain("hunter2");
  }
}
