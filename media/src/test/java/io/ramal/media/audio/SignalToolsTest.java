package io.ramal.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ramal.media.Pcm;
import org.junit.jupiter.api.Test;

class SignalToolsTest {

    @Test
    void fullScaleSineIsZeroDbfsBothWays() {
        short[] frame = ToneGenerator.frame(new Tone(1000, 1.0));

        assertThat(SignalLevel.dbfs(frame)).isCloseTo(0, within(0.1));
        assertThat(Goertzel.levelDbfs(frame, 1000)).isCloseTo(0, within(0.2));
    }

    @Test
    void measuresEachToneOfADualTone() {
        short[] frame = ToneGenerator.dual(697, 1209, 0.25).read();

        assertThat(Goertzel.levelDbfs(frame, 697)).isCloseTo(-12, within(0.5));
        assertThat(Goertzel.levelDbfs(frame, 1209)).isCloseTo(-12, within(0.5));
        assertThat(Goertzel.levelDbfs(frame, 941)).isLessThan(-40);
    }

    @Test
    void neighbourTwoHundredHertzAwayBarelyLeaks() {
        short[] frame = ToneGenerator.sine(1000, 0.5).read();

        assertThat(Goertzel.levelDbfs(frame, 1200)).isLessThan(-45);
        assertThat(Goertzel.levelDbfs(frame, 800)).isLessThan(-45);
    }

    @Test
    void generatorIsPhaseContinuousAcrossFrames() {
        ToneGenerator generator = ToneGenerator.sine(440, 0.5);
        short[] first = generator.read();
        short[] second = generator.read();

        short[] whole = ToneGenerator.samples(2 * Pcm.FRAME_SAMPLES, new Tone(440, 0.5));

        assertThat(first).isEqualTo(java.util.Arrays.copyOfRange(whole, 0, Pcm.FRAME_SAMPLES));
        assertThat(second).isEqualTo(java.util.Arrays.copyOfRange(whole, Pcm.FRAME_SAMPLES, 2 * Pcm.FRAME_SAMPLES));
    }

    @Test
    void silenceIsSilentAndToneIsNot() {
        assertThat(SignalLevel.isSilent(Pcm.silence())).isTrue();
        assertThat(SignalLevel.dbfs(Pcm.silence())).isEqualTo(Goertzel.FLOOR_DBFS);
        assertThat(SignalLevel.isSilent(ToneGenerator.sine(400, 0.01).read())).isFalse();
        assertThat(SignalLevel.peak(new short[] {3, -9, 4})).isEqualTo(9);
    }

    @Test
    void detectorFindsATonePerFrameAndIgnoresOthersAndQuietOnes() {
        short[] samples = new short[5 * Pcm.FRAME_SAMPLES];
        System.arraycopy(ToneGenerator.samples(2 * Pcm.FRAME_SAMPLES, new Tone(1000, 0.3)), 0, samples, Pcm.FRAME_SAMPLES, 2 * Pcm.FRAME_SAMPLES);
        System.arraycopy(ToneGenerator.samples(Pcm.FRAME_SAMPLES, new Tone(1500, 0.3)), 0, samples, 3 * Pcm.FRAME_SAMPLES, Pcm.FRAME_SAMPLES);
        System.arraycopy(ToneGenerator.samples(Pcm.FRAME_SAMPLES, new Tone(1000, 0.001)), 0, samples, 4 * Pcm.FRAME_SAMPLES, Pcm.FRAME_SAMPLES);

        boolean[] presence = new ToneDetector(1000).presenceByFrame(samples);

        assertThat(presence).containsExactly(false, true, true, false, false);
    }

    @Test
    void detectorIgnoresAToneBuriedUnderLouderSound() {
        short[] frame = ToneGenerator.of(new Tone(1000, 0.01), new Tone(2000, 0.9)).read();

        assertThat(new ToneDetector(1000).present(frame)).isFalse();
        assertThat(new ToneDetector(2000).present(frame)).isTrue();
    }

    @Test
    void softLimiterIsLinearBelowTheKneeAndNeverWraps() {
        assertThat(SoftLimiter.limit(1000)).isEqualTo((short) 1000);
        assertThat(SoftLimiter.limit(-SoftLimiter.KNEE)).isEqualTo((short) -SoftLimiter.KNEE);
        assertThat(SoftLimiter.limit(3 * 32767)).isBetween((short) 30000, Short.MAX_VALUE);
        assertThat(SoftLimiter.limit(-3 * 32767)).isBetween(Short.MIN_VALUE, (short) -30000);
        assertThat(SoftLimiter.limit(Integer.MAX_VALUE)).isLessThanOrEqualTo(Short.MAX_VALUE);
        short previous = SoftLimiter.limit(-200_000);
        for (int x = -200_000; x <= 200_000; x += 7) {
            short y = SoftLimiter.limit(x);
            assertThat(y).isGreaterThanOrEqualTo(previous);
            assertThat(Math.abs(y - previous)).isLessThanOrEqualTo(7);
            previous = y;
        }
    }
}
