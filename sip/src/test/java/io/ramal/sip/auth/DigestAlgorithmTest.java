package io.ramal.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestAlgorithmTest {

  @Test
  void computesMd5Ha1OfRfc2617Example() {
    assertThat(DigestAlgorithm.MD5.ha1("Mufasa", "testrealm@host.com", "Circle Of Life"))
        .isEqualTo("939e7578ed9e3c518a452acee763bce9");
  }

  @Test
  void hashesUtf8AsLowerHex() {
    assertThat(DigestAlgorithm.SHA_256.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(DigestAlgorithm.MD5.hash("é")).isEqualTo(DigestAlgorithm.MD5.hash("\u00e9"));
  }

  @Test
  void readsAlgorithmTokensInAnyCase() {
    assertThat(DigestAlgorithm.fromToken("sha-256")).contains(DigestAlgorithm.SHA_256);
    assertThat(DigestAlgorithm.fromToken("md5")).contains(DigestAlgorithm.MD5);
    assertThat(DigestAlgorithm.fromToken("MD5-sess")).isEmpty();
    assertThat(DigestAlgorithm.fromToken("SHA-512-256")).isEmpty();
  }
}
