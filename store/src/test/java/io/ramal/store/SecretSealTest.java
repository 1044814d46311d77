package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSealTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aSealedSecretOpensForItsRowOnly() {
        SecretSeal seal = SecretSeal.generate(RANDOM);
        String sealed = seal.seal("s3cret provider password", "row a");

        assertThat(sealed).startsWith("v1.").doesNotContain("s3cret");
        assertThat(seal.open(sealed, "row a")).contains("s3cret provider password");
        assertThat(seal.open(sealed, "row b")).isEmpty();
    }

    @Test
    void theSameSecretSealsDifferentlyEachTime() {
        SecretSeal seal = SecretSeal.generate(RANDOM);
        assertThat(seal.seal("same", "row")).isNotEqualTo(seal.seal("same", "row"));
    }

    @Test
    void anAlteredOrForeignValueDoesNotOpen() {
        SecretSeal seal = SecretSeal.generate(RANDOM);
        String sealed = seal.seal("secret", "row");
        // A character inside the text, not the last one: the last may hold only padding bits that decode to nothing.
        int at = sealed.length() / 2 + 3;
        char c = sealed.charAt(at);
        String altered = sealed.substring(0, at) + (c == 'A' ? 'B' : 'A') + sealed.substring(at + 1);

        assertThat(seal.open(altered, "row")).isEmpty();
        assertThat(SecretSeal.generate(RANDOM).open(sealed, "row")).isEmpty();
        assertThat(seal.open("plain text", "row")).isEmpty();
        assertThat(seal.open("v1.%%%", "row")).isEmpty();
    }

    @Test
    void theKeyFileIsCreatedOwnerOnlyAndReadBackByTheNextStart(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data").resolve("secrets.key");
        SecretSeal first = SecretSeal.loadOrCreate(file, RANDOM);
        SecretSeal second = SecretSeal.loadOrCreate(file, RANDOM);

        assertThat(second.open(first.seal("kept", "row"), "row")).contains("kept");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(first.toString()).doesNotContain(Files.readString(file).strip());
    }
}
