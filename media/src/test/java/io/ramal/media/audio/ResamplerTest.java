package io.ramal.media.audio;

import static io.ramal.media.audio.WavReaderTest.sine;
import static io.ramal.media.audio.WavReaderTest.slice;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    @Test
    void keepsTelephoneBandTonesAtTheirLevel() {
        for (double frequency : new double[] {300, 1000, 3000}) {
            short[] out = Resampler.resample(sine(48000, frequency, 0.5, 48000), 48000, 8000);

            assertThat(Goertzel.levelDbfs(slice(out, 2000, 1600), frequency)).as("%s Hz", frequency).isBetween(-6.6, -5.4);
        }
    }

    @Test
    void removesWhatWouldAliasIntoTheTelephoneBand() {
        // 5 kHz at 44.1 kHz would fold to 3 kHz at 8 kHz; 7 kHz would fold to 1 kHz
        short[] in = new short[44100];
        short[] five = sine(44100, 5000, 0.5, 44100);
        short[] seven = sine(44100, 7000, 0.5, 44100);
        for (int i = 0; i < in.length; i++) {
            in[i] = (short) (five[i] + seven[i]);
        }

        short[] out = Resampler.resample(in, 44100, 8000);

        assertThat(out).hasSize(8000);
        assertThat(Goertzel.levelDbfs(slice(out, 2000, 1600), 3000)).isLessThan(-60);
        assertThat(Goertzel.levelDbfs(slice(out, 2000, 1600), 1000)).isLessThan(-60);
        assertThat(SignalLevel.dbfs(slice(out, 2000, 1600))).isLessThan(-55);
    }

    @Test
    void upsamplesToo() {
        short[] out = Resampler.resample(sine(8000, 1000, 0.5, 8000), 8000, 16000);

        assertThat(out).hasSize(16000);
        short[] back = Resampler.resample(out, 16000, 8000);
        assertThat(Goertzel.levelDbfs(slice(back, 2000, 1600), 1000)).isBetween(-6.6, -5.4);
    }

    @Test
    void sameRateIsACopy() {
        short[] in = {1, 2, 3};

        short[] out = Resampler.resample(in, 8000, 8000);

        assertThat(out).containsExactly(1, 2, 3).isNotSameAs(in);
    }
}
