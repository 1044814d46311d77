package io.ramal.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class G711Test {

    @Test
    void muLawDecodesToTheItuReconstructionLevels() {
        assertThat(MuLaw.decode((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(MuLaw.decode((byte) 0x01)).isEqualTo((short) -31100);
        assertThat(MuLaw.decode((byte) 0x7F)).isEqualTo((short) 0);
        assertThat(MuLaw.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(MuLaw.decode((byte) 0xCE)).isEqualTo((short) 988);
        assertThat(MuLaw.decode((byte) 0xFF)).isEqualTo((short) 0);
    }

    @Test
    void aLawDecodesToTheItuReconstructionLevels() {
        assertThat(ALaw.decode((byte) 0x00)).isEqualTo((short) -5504);
        assertThat(ALaw.decode((byte) 0x01)).isEqualTo((short) -5248);
        assertThat(ALaw.decode((byte) 0x55)).isEqualTo((short) -8);
        assertThat(ALaw.decode((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(ALaw.decode((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(ALaw.decode((byte) 0x2A)).isEqualTo((short) -32256);
    }

    @Test
    void encodesKnownSamples() {
        assertThat(MuLaw.encode((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(MuLaw.encode((short) -1)).isEqualTo((byte) 0x7F);
        assertThat(MuLaw.encode((short) 1000)).isEqualTo((byte) 0xCE);
        assertThat(MuLaw.encode(Short.MAX_VALUE)).isEqualTo((byte) 0x80);
        assertThat(MuLaw.encode(Short.MIN_VALUE)).isEqualTo((byte) 0x00);
        assertThat(ALaw.encode((short) 0)).isEqualTo((byte) 0xD5);
        assertThat(ALaw.encode((short) -1)).isEqualTo((byte) 0x55);
        assertThat(ALaw.encode(Short.MAX_VALUE)).isEqualTo((byte) 0xAA);
        assertThat(ALaw.encode(Short.MIN_VALUE)).isEqualTo((byte) 0x2A);
    }

    @Test
    void everyCodeSurvivesDecodeThenEncode() {
        for (int b = 0; b < 256; b++) {
            byte code = (byte) b;
            if (b != 0x7F) {
                assertThat(MuLaw.encode(MuLaw.decode(code))).as("mu-law %02x", b).isEqualTo(code);
            }
            assertThat(ALaw.encode(ALaw.decode(code))).as("A-law %02x", b).isEqualTo(code);
        }
        assertThat(MuLaw.encode(MuLaw.decode((byte) 0x7F))).as("negative zero becomes zero").isEqualTo((byte) 0xFF);
    }

    @Test
    void tablesAgreeWithTheReferenceAlgorithmForEverySample() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            assertThat(MuLaw.encode((short) s)).isEqualTo((byte) MuLaw.compress(s));
            assertThat(ALaw.encode((short) s)).isEqualTo((byte) ALaw.compress(s));
        }
    }

    @Test
    void quantisationIsMonotonicAndErrorStaysWithinTheSegmentStep() {
        int lastMu = Integer.MIN_VALUE;
        int lastA = Integer.MIN_VALUE;
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            int mu = MuLaw.decode(MuLaw.encode((short) s));
            int a = ALaw.decode(ALaw.encode((short) s));
            assertThat(mu).isGreaterThanOrEqualTo(lastMu);
            assertThat(a).isGreaterThanOrEqualTo(lastA);
            lastMu = mu;
            lastA = a;
            if (Math.abs(s) < 32000) {
                assertThat(Math.abs(mu - s)).isLessThanOrEqualTo(Math.max(8, Math.abs(s) / 16));
                assertThat(Math.abs(a - s)).isLessThanOrEqualTo(Math.max(16, Math.abs(s) / 16));
            }
        }
    }

    @Test
    void transcodesThroughLinearPcm() {
        byte[] in = new byte[256];
        for (int b = 0; b < 256; b++) {
            in[b] = (byte) b;
        }
        byte[] a = new byte[256];
        byte[] mu = new byte[256];
        G711.PCMU.transcode(in, 0, 256, G711.PCMA, a, 0);
        G711.PCMA.transcode(in, 0, 256, G711.PCMU, mu, 0);

        for (int b = 0; b < 256; b++) {
            assertThat(a[b]).isEqualTo(ALaw.encode(MuLaw.decode((byte) b)));
            assertThat(mu[b]).isEqualTo(MuLaw.encode(ALaw.decode((byte) b)));
        }
        assertThat(a[0xFF]).as("silence stays silence").isEqualTo((byte) 0xD5);
    }

    @Test
    void encodesAndDecodesFrames() {
        short[] pcm = {0, 1000, -1000, 32767, -32768};
        byte[] wire = new byte[7];
        short[] back = new short[6];

        G711.PCMA.encode(pcm, 0, 5, wire, 2);
        G711.PCMA.decode(wire, 2, 5, back, 1);

        assertThat(wire[2]).isEqualTo((byte) 0xD5);
        assertThat(back).containsExactly(0, 8, 1008, -1008, 32256, -32256);
        assertThat(G711.byEncodingName("pcmu")).contains(G711.PCMU);
        assertThat(G711.byEncodingName("G722")).isEmpty();
        assertThat(G711.PCMA.staticPayloadType()).isEqualTo(8);
    }

    @Test
    void theLawOfAnEncodingNameIsFoundInAnyCaseAndOtherNamesAreRefused() {
        assertThat(G711.forEncoding("PCMU")).isSameAs(G711.PCMU);
        assertThat(G711.forEncoding("pcmu")).isSameAs(G711.PCMU);
        assertThat(G711.forEncoding("PcMa")).isSameAs(G711.PCMA);
        for (String other : new String[] {"PCM", "PCMUU", "PCMX", "G722", "pcm@", "QCMA", ""}) {
            assertThatThrownBy(() -> G711.forEncoding(other)).as(other).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
