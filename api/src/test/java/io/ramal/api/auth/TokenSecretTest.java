package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSecretTest {

    @TempDir
    Path directory;

    @Test
    void createsTheSecretFileOnceReadableByItsOwnerOnly() throws IOException {
        Path file = directory.resolve("data/token-secret");

        TokenSecret created = TokenSecret.loadOrCreate(file, AuthServer.RANDOM);
        TokenSecret loaded = TokenSecret.loadOrCreate(file, AuthServer.RANDOM);

        assertThat(loaded).isEqualTo(created);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void readsBase64FromConfiguration() {
        byte[] key = new byte[32];
        key[0] = 7;

        assertThat(TokenSecret.fromBase64(Base64.getEncoder().encodeToString(key))).isEqualTo(TokenSecret.of(key));
        assertThat(TokenSecret.fromBase64(Base64.getUrlEncoder().encodeToString(key))).isEqualTo(TokenSecret.of(key));
    }

    @Test
    void refusesShortSecretsAndNeverPrintsOne() {
        assertThatThrownBy(() -> TokenSecret.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenSecret.fromBase64("%%%")).hasMessageNotContaining("%%%");
        assertThat(TokenSecret.generate(AuthServer.RANDOM).toString()).isEqualTo("TokenSecret[***]");
    }
}
