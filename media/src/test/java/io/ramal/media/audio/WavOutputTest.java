package io.ramal.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavOutputTest {

    @Test
    void fileIsReadableAfterEachSyncWhileStillOpen(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("call.wav");
        try (WavOutput out = WavOutput.create(file, 8000, 1)) {
            assertThat(WavReader.read(file)).isInstanceOf(WavResult.Rejected.class); // header only: no audio yet
            out.append(new short[] {1, 2, 3}, 3);
            out.sync();
            out.append(new short[] {4, 5}, 2);

            assertThat(WavReader.read(file).orElseThrow().samples()).containsExactly((short) 1, (short) 2, (short) 3);
            assertThat(WavReader.header(Files.readAllBytes(file)).orElseThrow().frames()).isEqualTo(3);
        }
        assertThat(WavReader.read(file).orElseThrow().samples()).containsExactly((short) 1, (short) 2, (short) 3, (short) 4, (short) 5);
    }

    @Test
    void writesInterleavedStereo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("stereo.wav");
        try (WavOutput out = WavOutput.create(file, 8000, 2)) {
            out.append(new short[] {1, -1, 2, -2}, 4);
            assertThat(out.frames()).isEqualTo(2);
        }

        WavContent content = WavReader.decode(file, 1000).orElseThrow();

        assertThat(content.channel(0)).containsExactly((short) 1, (short) 2);
        assertThat(content.channel(1)).containsExactly((short) -1, (short) -2);
    }

    @Test
    void neverOverwritesAnExistingFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("exists.wav");
        Files.writeString(file, "keep me");

        assertThatThrownBy(() -> WavOutput.create(file, 8000, 1)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    @Test
    void refusesPartialStereoFrames(@TempDir Path dir) throws IOException {
        try (WavOutput out = WavOutput.create(dir.resolve("s.wav"), 8000, 2)) {
            assertThatThrownBy(() -> out.append(new short[3], 3)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
