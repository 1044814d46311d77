package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    private final Passwords passwords = new Passwords(4, AuthServer.RANDOM);

    @Test
    void matchesOnlyTheHashedPassword() {
        String hash = passwords.hash("correct horse");

        assertThat(hash).startsWith("$2a$04$").doesNotContain("correct horse");
        assertThat(passwords.matches("correct horse", hash)).isTrue();
        assertThat(passwords.matches("correct horsf", hash)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(passwords.hash("same password")).isNotEqualTo(passwords.hash("same password"));
    }

    @Test
    void treatsAMalformedHashAsNoMatch() {
        assertThat(passwords.matches("anything", "not-a-bcrypt-hash")).isFalse();
    }

    @Test
    void refusesShortAndOverlongPasswords() {
        assertThat(Passwords.problem("1234567")).isPresent();
        assertThat(Passwords.problem("12345678")).isEmpty();
        assertThat(Passwords.problem("é".repeat(37))).isPresent(); // 74 bytes
        assertThat(Passwords.problem("é".repeat(36))).isEmpty();
    }
}
