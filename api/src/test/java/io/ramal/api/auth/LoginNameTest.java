package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginNameTest {

    @Test
    void takesTheTenantFromTheLastAtSign() {
        assertThat(LoginName.parse("alice@demo", Optional.empty()))
                .isEqualTo(new LoginName("alice", Optional.of("demo")));
        assertThat(LoginName.parse("alice@127.0.0.1", Optional.empty()))
                .isEqualTo(new LoginName("alice", Optional.of("127.0.0.1")));
    }

    @Test
    void preferstheTenantField() {
        assertThat(LoginName.parse("alice@demo", Optional.of("acme")))
                .isEqualTo(new LoginName("alice", Optional.of("acme")));
        assertThat(LoginName.parse("alice", Optional.of(" acme ")))
                .isEqualTo(new LoginName("alice", Optional.of("acme")));
    }

    @Test
    void namesNoTenantWhenNeitherIsGiven() {
        assertThat(LoginName.parse("alice", Optional.empty())).isEqualTo(new LoginName("alice", Optional.empty()));
        assertThat(LoginName.parse("alice", Optional.of(""))).isEqualTo(new LoginName("alice", Optional.empty()));
    }

    @Test
    void lowerCasesUsernamesEvenInATurkishLocale() {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            assertThat(LoginName.parse("ILKER", Optional.empty()).username()).isEqualTo("ilker");
        } finally {
            Locale.setDefault(saved);
        }
    }
}
