package io.ramal.media.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ramal.media.audio.Clip;
import io.ramal.media.audio.Goertzel;
import io.ramal.media.audio.Tone;
import io.ramal.media.audio.ToneGenerator;
import io.ramal.media.audio.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp3EncoderTest {

    @Test
    void makesValidMpeg25FramesOfTheSameLengthAndTone(@TempDir Path dir) throws IOException {
        Path wav = dir.resolve("tone.wav");
        Path mp3 = dir.resolve("tone.mp3");
        WavWriter.write(wav, Clip.of(ToneGenerator.samples(5 * 8000, new Tone(800, 0.3))));

        long size = Mp3Encoder.encode(wav, mp3, 24);

        assertThat(size).isEqualTo(Files.size(mp3));
        Mp3Check.Frames frames = Mp3Check.frames(mp3);
        assertThat(frames.kbps()).isEqualTo(24);
        assertThat(frames.sampleRate()).isEqualTo(8000);
        assertThat(frames.mono()).isTrue();
        assertThat(frames.count()).isEqualTo(frames.tagFrames() + 1);
        assertThat(frames.durationMillis()).isCloseTo(5000.0, within(1.0));
        short[] decoded = Mp3Check.decode(mp3);
        assertThat(decoded.length / 8.0).isBetween(5000.0, 5000.0 + 2 * 72);
        assertThat(Goertzel.levelDbfs(decoded, 8000, 1600, 800)).isGreaterThan(-14);
        assertThat(Goertzel.levelDbfs(decoded, 32000, 1600, 800)).isGreaterThan(-14);
    }

    @Test
    void refusesAWavThatIsNotTelephonyFormat(@TempDir Path dir) throws IOException {
        Path wav = dir.resolve("cd.wav");
        Files.write(wav, WavWriter.encode(44100, new short[4410], new short[4410]));

        assertThatThrownBy(() -> Mp3Encoder.encode(wav, dir.resolve("cd.mp3"), 24))
                .isInstanceOf(IOException.class).hasMessageContaining("8 kHz mono");
    }

    @Test
    void offersOnlyBitRatesWhoseFramesCarryTheInfoTag() {
        assertThat(Mp3Encoder.supportsBitRate(24)).isTrue();
        assertThat(Mp3Encoder.supportsBitRate(64)).isTrue();
        assertThat(Mp3Encoder.supportsBitRate(16)).isFalse();
        assertThat(Mp3Encoder.supportsBitRate(20)).isFalse();
        assertThat(Mp3Encoder.supportsBitRate(128)).isFalse();
    }
}
