package io.ramal.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_test_secret";
    private static final byte[] BODY = "{\"id\":\"ev-1\",\"seq\":42,\"type\":\"call.delivered\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void matchesTheValueOpensslComputesForTheDocumentedScheme() {
        // printf '%s' '1700000000.{"id":"ev-1","seq":42,"type":"call.delivered"}' \
        //   | openssl dgst -sha256 -hmac 'whsec_test_secret' -hex
        assertThat(WebhookSignature.sign(SECRET, 1_700_000_000L, BODY))
                .isEqualTo("t=1700000000,v1=8146b40545041b838eed0b2d21ac8652312329bf99dae98feb560e33d1405df2");
    }

    @Test
    void verifiesItsOwnSignatureWithinTheTolerance() {
        String header = WebhookSignature.sign(SECRET, 1_700_000_000L, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY, 1_700_000_200L, 300)).isTrue();
    }

    @Test
    void refusesATamperedBodyAWrongSecretOrAnOldTimestamp() {
        String header = WebhookSignature.sign(SECRET, 1_700_000_000L, BODY);
        byte[] tampered = "{\"id\":\"ev-1\",\"seq\":43}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.verify(SECRET, header, tampered, 1_700_000_000L, 300)).isFalse();
        assertThat(WebhookSignature.verify("whsec_other", header, BODY, 1_700_000_000L, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, BODY, 1_700_000_301L, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, header.replace("t=1700000000", "t=1700000100"), BODY,
                1_700_000_100L, 300)).as("the timestamp is signed too").isFalse();
        assertThat(WebhookSignature.verify(SECRET, null, BODY, 1_700_000_000L, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "v1=zz,t=x", BODY, 1_700_000_000L, 300)).isFalse();
    }

    @Test
    void acceptsAnyOfSeveralSignaturesWhileASecretRotates() {
        String header = WebhookSignature.sign(SECRET, 1_700_000_000L, BODY);
        String v1 = header.substring(header.indexOf("v1="));
        String rotated = "t=1700000000,v1=" + "00".repeat(32) + "," + v1;

        assertThat(WebhookSignature.verify(SECRET, rotated, BODY, 1_700_000_000L, 300)).isTrue();
    }
}
