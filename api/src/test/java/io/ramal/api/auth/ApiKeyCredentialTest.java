package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeyCredentialTest {

    @Test
    void roundTripsThroughItsText() {
        ApiKeyCredential key = ApiKeyCredential.generate(AuthServer.RANDOM);

        assertThat(key.text()).matches("rml_[a-z2-7]{16}_[a-z2-7]{48}");
        assertThat(ApiKeyCredential.parse(key.text())).contains(key);
        assertThat(ApiKeyCredential.looksLikeApiKey(key.text())).isTrue();
    }

    @Test
    void refusesMalformedKeys() {
        assertThat(ApiKeyCredential.parse("rml_short_secret")).isEmpty();
        assertThat(ApiKeyCredential.parse("eyJhbGciOiJIUzI1NiJ9.e30.sig")).isEmpty();
        assertThat(ApiKeyCredential.looksLikeApiKey("eyJhbGciOiJIUzI1NiJ9.e30.sig")).isFalse();
    }

    @Test
    void neverPrintsTheSecret() {
        ApiKeyCredential key = ApiKeyCredential.generate(AuthServer.RANDOM);
        assertThat(key.toString()).doesNotContain(key.secret());
    }
}
