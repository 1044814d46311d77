package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** The RFC 6238 appendix B SHA-1 secret, "12345678901234567890". */
    private static final String SECRET = Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    private final Totp totp = new Totp();

    @Test
    void computesTheRfc6238Sha1VectorsTruncatedToSixDigits() {
        assertThat(totp.code(SECRET, Totp.stepOf(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(totp.code(SECRET, Totp.stepOf(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
        assertThat(totp.code(SECRET, Totp.stepOf(Instant.ofEpochSecond(1111111111)))).isEqualTo("050471");
        assertThat(totp.code(SECRET, Totp.stepOf(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
        assertThat(totp.code(SECRET, Totp.stepOf(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
    }

    @Test
    void acceptsTheCodeOfOneStepEitherSideAndNoFurther() {
        Instant now = Instant.ofEpochSecond(1111111111);
        long step = Totp.stepOf(now);

        assertThat(totp.match(SECRET, totp.code(SECRET, step), now)).hasValue(step);
        assertThat(totp.match(SECRET, totp.code(SECRET, step - 1), now)).hasValue(step - 1);
        assertThat(totp.match(SECRET, totp.code(SECRET, step + 1), now)).hasValue(step + 1);
        assertThat(totp.match(SECRET, totp.code(SECRET, step - 2), now)).isEmpty();
        assertThat(totp.match(SECRET, totp.code(SECRET, step + 2), now)).isEmpty();
    }

    @Test
    void refusesAnythingButSixDigits() {
        Instant now = Instant.ofEpochSecond(59);
        assertThat(totp.match(SECRET, "28708", now)).isEmpty();
        assertThat(totp.match(SECRET, "2870822", now)).isEmpty();
        assertThat(totp.match(SECRET, "28708a", now)).isEmpty();
    }

    @Test
    void buildsAnOtpauthUriAuthenticatorAppsRead() {
        assertThat(Totp.uri("Ramal PBX", "alice@demo", "JBSWY3DPEHPK3PXP")).isEqualTo(
                "otpauth://totp/Ramal%20PBX:alice%40demo?secret=JBSWY3DPEHPK3PXP&issuer=Ramal%20PBX"
                        + "&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void newSecretsAre160BitsOfBase32() {
        String secret = Totp.newSecret(AuthServer.RANDOM);
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(Base32.decode(secret)).hasSize(20);
    }
}
