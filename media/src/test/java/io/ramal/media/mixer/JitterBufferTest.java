package io.ramal.media.mixer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.media.Pcm;
import org.junit.jupiter.api.Test;

class JitterBufferTest {
    private final short[] out = new short[Pcm.FRAME_SAMPLES];

    @Test
    void deliversFramesInOrder() {
        JitterBuffer buffer = new JitterBuffer();
        buffer.write(frame(1));
        buffer.write(frame(2));

        assertThat(buffer.read(out)).isTrue();
        assertThat(out[0]).isEqualTo((short) 1);
        assertThat(buffer.read(out)).isTrue();
        assertThat(out[0]).isEqualTo((short) 2);
    }

    @Test
    void dropsTheOldestWhenMoreThanThreeFramesWait() {
        JitterBuffer buffer = new JitterBuffer();
        for (int i = 1; i <= 5; i++) {
            buffer.write(frame(i));
        }

        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.dropped()).isEqualTo(2);
        buffer.read(out);
        assertThat(out[0]).isEqualTo((short) 3);
    }

    @Test
    void givesSilenceWhenEmpty() {
        JitterBuffer buffer = new JitterBuffer();
        java.util.Arrays.fill(out, (short) 99);

        assertThat(buffer.read(out)).isFalse();
        assertThat(out).containsOnly((short) 0);
        assertThat(buffer.underruns()).isEqualTo(1);
    }

    @Test
    void copiesFramesSoWritersMayReuseTheirArrays() {
        JitterBuffer buffer = new JitterBuffer();
        short[] reused = frame(7);
        buffer.write(reused);
        reused[0] = 8;

        buffer.read(out);

        assertThat(out[0]).isEqualTo((short) 7);
    }

    @Test
    void padsShortFramesAndCutsLongOnes() {
        JitterBuffer buffer = new JitterBuffer();
        buffer.write(new short[] {5, 5});
        buffer.write(new short[400]);

        buffer.read(out);
        assertThat(out[1]).isEqualTo((short) 5);
        assertThat(out[2]).isZero();
        assertThat(buffer.read(out)).isTrue();
    }

    static short[] frame(int value) {
        short[] f = new short[Pcm.FRAME_SAMPLES];
        java.util.Arrays.fill(f, (short) value);
        return f;
    }
}
