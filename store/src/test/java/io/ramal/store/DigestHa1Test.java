package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DigestHa1Test {

    @Test
    void md5MatchesRfc2617Example() {
        DigestHa1 ha1 = DigestHa1.of("Mufasa", "testrealm@host.com", "Circle Of Life");

        assertThat(ha1.md5()).isEqualTo("939e7578ed9e3c518a452acee763bce9");
    }

    @Test
    void md5YieldsRfc2617ResponseForItsChallenge() throws Exception {
        String ha1 = DigestHa1.of("Mufasa", "testrealm@host.com", "Circle Of Life").md5();
        String ha2 = hex("MD5", "GET:/dir/index.html");

        String response = hex("MD5", ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:auth:" + ha2);

        assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void sha256YieldsRfc7616ResponseForItsChallenge() throws Exception {
        String ha1 = DigestHa1.of("Mufasa", "http-auth@example.org", "Circle of Life").sha256();
        String ha2 = hex("SHA-256", "GET:/dir/index.html");

        String response = hex("SHA-256", ha1 + ":7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v:00000001:"
                + "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ:auth:" + ha2);

        assertThat(response).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void neverEqualsOrContainsThePlainPassword() {
        DigestHa1 ha1 = DigestHa1.of("1001", "127.0.0.1", "demo1001");

        assertThat(ha1.md5()).isNotEqualTo("demo1001").doesNotContain("demo1001").hasSize(32);
        assertThat(ha1.sha256()).isNotEqualTo("demo1001").doesNotContain("demo1001").hasSize(64);
        assertThat(ha1.toString()).doesNotContain(ha1.md5());
    }

    @Test
    void dependsOnRealm() {
        assertThat(DigestHa1.of("1001", "a.example", "secret"))
                .isNotEqualTo(DigestHa1.of("1001", "b.example", "secret"));
    }

    @Test
    void hashesNonAsciiAsUtf8() throws Exception {
        assertThat(DigestHa1.of("1001", "realm", "contraseña").md5())
                .isEqualTo(hex("MD5", "1001:realm:contraseña"));
    }

    @Test
    void rejectsValuesThatAreNotLowerCaseHexOfTheRightLength() {
        String sha256 = "0".repeat(64);
        assertThatThrownBy(() -> new DigestHa1("939E7578ED9E3C518A452ACEE763BCE9", sha256))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DigestHa1("demo1001", sha256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DigestHa1("0".repeat(32), "0".repeat(32)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String hex(String algorithm, String text) throws Exception {
        return HexFormat.of().formatHex(
                MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
