package io.ramal.media.record;

import de.sciss.jump3r.lowlevel.LameDecoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads MP3 files back for tests: walks the frame headers, and decodes with jump3r's decoder. */
final class Mp3Check {
    private static final int[] MPEG2_LAYER3_KBPS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, -1};
    private static final int[] MPEG25_RATES = {11025, 12000, 8000, -1};

    /**
     * What the frame headers and the LAME Info tag say.
     *
     * @param count frames in the file, the Info tag's frame included
     * @param tagFrames audio frames according to the Info tag
     * @param delay encoder delay in samples (LAME tag)
     * @param padding padding samples at the end (LAME tag)
     */
    record Frames(int count, int kbps, int sampleRate, boolean mono, int tagFrames, int delay, int padding) {
        /** Playing time as a gapless player computes it, in milliseconds. */
        double durationMillis() {
            return (tagFrames * 576.0 - delay - padding) * 1000 / sampleRate;
        }
    }

    private Mp3Check() {}

    /** Walks every frame from the first byte to the last; throws AssertionError on any bad header or gap. */
    static Frames frames(Path mp3) throws IOException {
        byte[] b = Files.readAllBytes(mp3);
        int at = 0;
        int count = 0;
        int kbps = -1;
        int rate = -1;
        boolean mono = true;
        while (at < b.length) {
            if (at + 4 > b.length) {
                throw new AssertionError("truncated header at " + at);
            }
            int h = (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
            if ((h >>> 21) != 0x7FF) {
                throw new AssertionError("no frame sync at " + at);
            }
            int version = (h >>> 19) & 3;
            int layer = (h >>> 17) & 3;
            if (version != 0 || layer != 1) {
                throw new AssertionError("not MPEG-2.5 Layer III at " + at + ": version " + version + " layer " + layer);
            }
            int frameKbps = MPEG2_LAYER3_KBPS[(h >>> 12) & 15];
            int frameRate = MPEG25_RATES[(h >>> 10) & 3];
            int padding = (h >>> 9) & 1;
            mono &= ((h >>> 6) & 3) == 3;
            if (frameKbps <= 0 || frameRate <= 0) {
                throw new AssertionError("bad bit rate or sample rate index at " + at);
            }
            kbps = frameKbps;
            rate = frameRate;
            at += 72_000 * frameKbps / frameRate + padding;
            count++;
        }
        if (at != b.length) {
            throw new AssertionError("last frame runs past the end");
        }
        String head = new String(b, 0, Math.min(b.length, 400), java.nio.charset.StandardCharsets.ISO_8859_1);
        int info = head.indexOf("Info");
        int lame = head.indexOf("LAME");
        if (info < 0 || lame < 0) {
            throw new AssertionError("no LAME Info tag in the first frame");
        }
        int flags = int32(b, info + 4);
        if ((flags & 1) == 0) {
            throw new AssertionError("Info tag without a frame count");
        }
        int tagFrames = int32(b, info + 8);
        int delayPadding = (b[lame + 21] & 0xFF) << 16 | (b[lame + 22] & 0xFF) << 8 | (b[lame + 23] & 0xFF);
        return new Frames(count, kbps, rate, mono, tagFrames, delayPadding >>> 12, delayPadding & 0xFFF);
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    /**
     * Decoded 8 kHz mono samples with jump3r's decoder: aligned (encoder and decoder delay
     * skipped) but with the final padding still there. That decoder mis-syncs on files under
     * about 11 KB (4 s at 24 kbps) that carry an Info tag, so only decode longer files.
     */
    static short[] decode(Path mp3) {
        LameDecoder decoder = new LameDecoder(mp3.toString());
        ByteBuffer buffer = ByteBuffer.allocate(1152 * 4);
        short[] out = new short[0];
        int length = 0;
        int emptyCalls = 0;
        while (emptyCalls < 3) {
            byte[] a = buffer.array();
            for (int i = 0; i < a.length; i += 2) { // sentinel: -32768 never comes out of our quiet test audio
                a[i] = 0;
                a[i + 1] = (byte) 0x80;
            }
            decoder.decode(buffer, true);
            int n = 0;
            while (2 * n + 1 < a.length && !(a[2 * n] == 0 && a[2 * n + 1] == (byte) 0x80)) {
                n++;
            }
            if (n == 0) {
                emptyCalls++;
                continue;
            }
            emptyCalls = 0;
            if (length + n > out.length) {
                out = Arrays.copyOf(out, Math.max(2 * out.length, length + n));
            }
            for (int i = 0; i < n; i++) {
                out[length + i] = (short) ((a[2 * i] & 0xFF) | (a[2 * i + 1] << 8));
            }
            length += n;
        }
        decoder.close();
        return Arrays.copyOf(out, length);
    }
}
