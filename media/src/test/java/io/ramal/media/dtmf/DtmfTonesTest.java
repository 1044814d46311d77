package io.ramal.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.media.FrameSource;
import io.ramal.media.Pcm;
import io.ramal.media.audio.Goertzel;
import org.junit.jupiter.api.Test;

class DtmfTonesTest {
    private static final double[] ALL = {697, 770, 852, 941, 1209, 1336, 1477, 1633};

    @Test
    void eachKeySoundsItsRowAndColumnAndNoOtherKeypadFrequency() {
        String keys = "123A456B789C*0#D";
        for (int i = 0; i < keys.length(); i++) {
            char key = keys.charAt(i);
            double low = new double[] {697, 770, 852, 941}[i / 4];
            double high = new double[] {1209, 1336, 1477, 1633}[i % 4];
            short[] frame = hundredMillis(DtmfTones.of(key));

            assertThat(DtmfTones.low(key)).isEqualTo(low);
            assertThat(DtmfTones.high(key)).isEqualTo(high);
            for (double f : ALL) {
                double level = Goertzel.levelDbfs(frame, f);
                if (f == low || f == high) {
                    assertThat(level).as("%s at %s Hz", key, f).isGreaterThan(-16);
                } else {
                    assertThat(level).as("%s at %s Hz", key, f).isLessThan(-30);
                }
            }
        }
    }

    private static short[] hundredMillis(FrameSource tones) {
        short[] out = new short[5 * Pcm.FRAME_SAMPLES];
        for (int i = 0; i < 5; i++) {
            System.arraycopy(tones.read(), 0, out, i * Pcm.FRAME_SAMPLES, Pcm.FRAME_SAMPLES);
        }
        return out;
    }

    @Test
    void refusesWhatIsNotAKey() {
        assertThatThrownBy(() -> DtmfTones.of('E')).isInstanceOf(IllegalArgumentException.class);
    }
}
