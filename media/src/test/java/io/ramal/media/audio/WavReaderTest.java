package io.ramal.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {

    @Test
    void readsBackWhatTheWriterWrote() {
        short[] samples = ToneGenerator.samples(8000, new Tone(440, 0.5));
        byte[] wav = WavWriter.encode(Clip.of(samples));

        Clip clip = WavReader.read(wav).orElseThrow();

        assertThat(clip.samples()).isEqualTo(samples);
        assertThat(clip.duration().toMillis()).isEqualTo(1000);
    }

    @Test
    void convertsStereo44kHzToMono8kHzKeepingTheTone() {
        short[] left = sine(44100, 1000, 0.5, 44100);
        short[] right = sine(44100, 1000, 0.5, 44100);
        byte[] wav = WavWriter.encode(44100, left, right);

        Clip clip = WavReader.read(wav).orElseThrow();

        assertThat(clip.length()).isEqualTo(8000);
        short[] middle = slice(clip.samples(), 4000, 800);
        assertThat(Goertzel.levelDbfs(middle, 1000)).isBetween(-6.5, -5.5);
    }

    @Test
    void converts16And48kHzUploadsTo8kHz() {
        for (int rate : new int[] {16000, 22050, 48000}) {
            byte[] wav = WavWriter.encode(rate, sine(rate, 600, 0.25, rate / 2));

            Clip clip = WavReader.read(wav).orElseThrow();

            assertThat(clip.length()).as("rate %d", rate).isEqualTo(4000);
            assertThat(Goertzel.levelDbfs(slice(clip.samples(), 1600, 800), 600)).as("rate %d", rate).isBetween(-12.5, -11.5);
        }
    }

    @Test
    void decodeKeepsTheOriginalRateAndChannels() {
        short[] left = sine(16000, 500, 0.3, 1600);
        short[] right = sine(16000, 900, 0.3, 1600);

        WavContent content = ((WavResult.Accepted<WavContent>) WavReader.decode(WavWriter.encode(16000, left, right))).value();

        assertThat(content.format()).isEqualTo(new WavFormat(WavFormat.Encoding.PCM, 16000, 2, 16));
        assertThat(content.channel(0)).isEqualTo(left);
        assertThat(content.channel(1)).isEqualTo(right);
    }

    @Test
    void readsMulawAndAlawFiles() {
        // 0xFF is µ-law zero; 0x80 and 0x00 are the extreme codes; A-law 0xD5 is +8, 0x55 is -8
        byte[] mulaw = WavBytes.riff().fmt(7, 1, 8000, 8).chunk("data", new byte[] {(byte) 0xFF, (byte) 0x80, 0x00, 0x7F}).bytes();
        byte[] alaw = WavBytes.riff().fmt(6, 1, 8000, 8).chunk("data", new byte[] {(byte) 0xD5, 0x55, (byte) 0xAA, 0x2A}).bytes();

        assertThat(WavReader.read(mulaw).orElseThrow().samples()).containsExactly((short) 0, (short) 32124, (short) -32124, (short) 0);
        assertThat(WavReader.read(alaw).orElseThrow().samples()).containsExactly((short) 8, (short) -8, (short) 32256, (short) -32256);
    }

    @Test
    void readsEightAndTwentyFourBitPcmAndExtensibleHeaders() {
        byte[] eight = WavBytes.riff().fmt(1, 1, 8000, 8).chunk("data", new byte[] {(byte) 128, (byte) 255, 0, (byte) 192}).bytes();
        byte[] twentyFour = WavBytes.riff().fmt(1, 1, 8000, 24).chunk("data", new byte[] {0x11, 0x34, 0x12, 0x00, 0x00, (byte) 0x80}).bytes();
        byte[] extensible = WavBytes.riff().extensible(1, 1, 8000, 16).data16((short) 1234, (short) -1234).bytes();

        assertThat(WavReader.read(eight).orElseThrow().samples()).containsExactly((short) 0, (short) 32512, (short) -32768, (short) 16384);
        assertThat(WavReader.read(twentyFour).orElseThrow().samples()).containsExactly((short) 0x1234, (short) -32768);
        assertThat(WavReader.read(extensible).orElseThrow().samples()).containsExactly((short) 1234, (short) -1234);
    }

    @Test
    void skipsUnknownAndOddSizedChunks() {
        byte[] wav = WavBytes.riff().chunk("LIST", new byte[] {1, 2, 3}).fmt(1, 1, 8000, 16)
                .chunk("fact", new byte[] {4, 0, 0, 0}).data16((short) 7, (short) 8).bytes();

        assertThat(WavReader.read(wav).orElseThrow().samples()).containsExactly((short) 7, (short) 8);
    }

    @Test
    void readsARecordingCutShortAsFarAsItGoes() {
        byte[] wav = WavBytes.riff().fmt(1, 1, 8000, 16).chunk("data", 1_000_000, new byte[] {1, 0, 2, 0}).bytes();

        assertThat(WavReader.read(wav).orElseThrow().samples()).containsExactly((short) 1, (short) 2);
    }

    @Test
    void refusesWhatIsNotAWav() {
        assertRejected(new byte[0], WavProblem.NOT_WAV);
        assertRejected("hello, this is not audio".getBytes(java.nio.charset.StandardCharsets.US_ASCII), WavProblem.NOT_WAV);
        byte[] avi = WavBytes.riff().fmt(1, 1, 8000, 16).bytes();
        avi[8] = 'A';
        assertRejected(avi, WavProblem.NOT_WAV);
    }

    @Test
    void refusesUnsupportedFormatsWithTheReason() {
        assertRejected(WavBytes.riff().fmt(3, 1, 8000, 32).data16((short) 0, (short) 0).bytes(), WavProblem.UNSUPPORTED_ENCODING);
        assertRejected(WavBytes.riff().extensible(3, 1, 8000, 32).data16((short) 0, (short) 0).bytes(), WavProblem.UNSUPPORTED_ENCODING);
        assertRejected(WavBytes.riff().fmt(1, 3, 8000, 16).data16(new short[6]).bytes(), WavProblem.UNSUPPORTED_CHANNELS);
        assertRejected(WavBytes.riff().fmt(1, 1, 4000, 16).data16(new short[2]).bytes(), WavProblem.UNSUPPORTED_SAMPLE_RATE);
        assertRejected(WavBytes.riff().fmt(1, 1, 8000, 12).data16(new short[2]).bytes(), WavProblem.UNSUPPORTED_BITS);
        assertRejected(WavBytes.riff().fmt(7, 1, 8000, 16).data16(new short[2]).bytes(), WavProblem.UNSUPPORTED_BITS);
    }

    @Test
    void refusesInconsistentOrIncompleteFiles() {
        assertRejected(WavBytes.riff().fmt(1, 1, 8000, 16, 4).data16(new short[2]).bytes(), WavProblem.MALFORMED);
        assertRejected(WavBytes.riff().data16(new short[2]).bytes(), WavProblem.MALFORMED);
        assertRejected(WavBytes.riff().chunk("fmt ", new byte[8]).data16(new short[2]).bytes(), WavProblem.MALFORMED);
        assertRejected(WavBytes.riff().fmt(1, 1, 8000, 16).bytes(), WavProblem.NO_AUDIO);
        assertRejected(WavBytes.riff().fmt(1, 1, 8000, 16).chunk("data", new byte[1]).bytes(), WavProblem.NO_AUDIO);
    }

    @Test
    void neverThrowsOnTruncatedOrCorruptedFiles() {
        byte[] good = WavBytes.riff().chunk("LIST", new byte[] {1, 2, 3}).fmt(1, 2, 44100, 16).data16(new short[64]).bytes();
        for (int length = 0; length <= good.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(good, length);
            assertThatCode(() -> WavReader.decode(cut)).as("cut at %d", length).doesNotThrowAnyException();
            assertThatCode(() -> WavReader.header(cut)).as("cut at %d", length).doesNotThrowAnyException();
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 2000; i++) {
            byte[] corrupt = good.clone();
            for (int j = 0; j < 4; j++) {
                corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
            }
            // decoding covers the parser; converting (resampler tables) is costly for odd rates, so sample it
            assertThatCode(() -> WavReader.decode(corrupt)).doesNotThrowAnyException();
            if (i % 20 == 0) {
                assertThatCode(() -> WavReader.read(corrupt)).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void refusesFilesAboveTheSizeLimitBeforeReadingThem(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.wav");
        Files.write(file, WavWriter.encode(Clip.of(new short[8000])));

        WavResult<Clip> result = WavReader.read(file, 1000);

        assertThat(result).isInstanceOfSatisfying(WavResult.Rejected.class,
                r -> assertThat(r.problem()).isEqualTo(WavProblem.TOO_LARGE));
        assertThat(WavReader.read(dir.resolve("missing.wav"))).isInstanceOfSatisfying(WavResult.Rejected.class,
                r -> assertThat(r.problem()).isEqualTo(WavProblem.UNREADABLE));
    }

    @Test
    void headerGivesTheDurationWithoutDecoding() {
        byte[] wav = WavWriter.encode(48000, new short[96000], new short[96000]);

        WavHeader header = WavReader.header(wav).orElseThrow();

        assertThat(header.duration().toMillis()).isEqualTo(2000);
        assertThat(header.format().channels()).isEqualTo(2);
    }

    private static void assertRejected(byte[] wav, WavProblem problem) {
        assertThat(WavReader.read(wav)).isInstanceOfSatisfying(WavResult.Rejected.class,
                r -> assertThat(r.problem()).isEqualTo(problem));
    }

    static short[] sine(int rate, double frequency, double amplitude, int count) {
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            out[i] = (short) Math.round(amplitude * Short.MAX_VALUE * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return out;
    }

    static short[] slice(short[] samples, int from, int length) {
        return java.util.Arrays.copyOfRange(samples, from, from + length);
    }
}
