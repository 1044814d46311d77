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
    void speechLikeAudioComesBackWithinTwentyDecibelsOfNoise(@TempDir Path dir) throws IOException {
        short[] speech = speechLike(20);
        Path wav = dir.resolve("call.wav");
        Files.write(wav, WavWriter.encode(8000, speech));
        Path mp3 = dir.resolve("call.mp3");

        Mp3Encoder.encode(wav, mp3, 32);

        assertThat(bestSignalToNoise(speech, Mp3Check.decode(mp3)))
                .as("the MP3 of a voice at 32 kbps, against its WAV (dB)").isGreaterThan(20.0);
    }

    /** A voice-like signal: a gliding pitch, two formants, syllables four times a second, a little noise. */
    private static short[] speechLike(int seconds) {
        short[] s = new short[8000 * seconds];
        java.util.Random noise = new java.util.Random(1);
        double phase = 0;
        for (int i = 0; i < s.length; i++) {
            double t = i / 8000.0;
            double pitch = 120 + 60 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * pitch / 8000;
            double syllables = Math.max(0, Math.sin(2 * Math.PI * 4 * t)) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.3 * t));
            double v = 0;
            for (int h = 1; h * pitch < 3600; h++) {
                double f = h * pitch;
                double formants = Math.exp(-Math.pow((f - 700) / 300, 2)) + 0.6 * Math.exp(-Math.pow((f - 1800) / 400, 2)) + 0.2;
                v += formants / h * Math.sin(h * phase);
            }
            s[i] = (short) Math.max(-32767, Math.min(32767, 6000 * syllables * v + 150 * noise.nextGaussian()));
        }
        return s;
    }

    /** Signal-to-noise ratio of {@code decoded} against {@code source}, at the best alignment within 2,000 samples. */
    private static double bestSignalToNoise(short[] source, short[] decoded) {
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = -2000; lag <= 2000; lag++) {
            double signal = 0;
            double error = 0;
            for (int i = 4000; i < source.length - 4000; i++) {
                int j = i + lag;
                if (j < 0 || j >= decoded.length) continue;
                signal += (double) source[i] * source[i];
                double e = source[i] - decoded[j];
                error += e * e;
            }
            best = Math.max(best, 10 * Math.log10(signal / error));
        }
        return best;
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
