package io.ramal.media.record;

import de.sciss.jump3r.mp3.BitStream;
import de.sciss.jump3r.mp3.GainAnalysis;
import de.sciss.jump3r.mp3.GetAudio;
import de.sciss.jump3r.mp3.ID3Tag;
import de.sciss.jump3r.mp3.Lame;
import de.sciss.jump3r.mp3.LameGlobalFlags;
import de.sciss.jump3r.mp3.MPEGMode;
import de.sciss.jump3r.mp3.Parse;
import de.sciss.jump3r.mp3.Presets;
import de.sciss.jump3r.mp3.Quantize;
import de.sciss.jump3r.mp3.QuantizePVT;
import de.sciss.jump3r.mp3.Reservoir;
import de.sciss.jump3r.mp3.Takehiro;
import de.sciss.jump3r.mp3.VBRTag;
import de.sciss.jump3r.mp3.VbrMode;
import de.sciss.jump3r.mp3.Version;
import de.sciss.jump3r.mpg.Common;
import de.sciss.jump3r.mpg.Interface;
import de.sciss.jump3r.mpg.MPGLib;
import io.ramal.media.Pcm;
import io.ramal.media.audio.WavWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Encodes an 8 kHz mono 16-bit WAV (as {@link io.ramal.media.audio.WavOutput} writes them) to a
 * constant-bit-rate MPEG-2.5 Layer III file with jump3r (a Java port of LAME). The first frame is
 * LAME's Info tag carrying the encoder delay and padding, so decoders play exactly the original
 * length. The WAV is streamed, never loaded whole. One encode runs at a time in the JVM: MP3 work
 * is background work and must not take both cores from the media clock.
 */
public final class Mp3Encoder {
    private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock();
    private static final int CHUNK_SAMPLES = 8 * 1152;
    /**
     * LAME's quickest quality, without the psychoacoustic model: on telephone speech (8 kHz, 32 kbps)
     * its waveform is within 0.1 dB of quality 7's (22.4 against 22.5 dB signal to noise on a
     * voice-like minute), at two to three times the speed and with half the garbage (21 MB instead
     * of 43 MB per minute of audio in jump3r); the model's per-frame arrays were the server's
     * largest source of garbage at 300 recorded calls (BENCHMARKS.md, section 8).
     */
    private static final int QUALITY = 9;

    private Mp3Encoder() {}

    /**
     * Bit rates we offer: MPEG-2.5 Layer III at 8 kHz allows 8 to 64 kbps in steps of 8, but below
     * 24 kbps a frame is too small to carry the Info tag, and without it players get the length
     * wrong by the encoder delay.
     */
    public static boolean supportsBitRate(int kbps) {
        return kbps >= 24 && kbps <= 64 && kbps % 8 == 0;
    }

    /**
     * Encodes {@code wav} to a new file {@code mp3} at {@code kbps}; returns the MP3's size.
     *
     * @throws IOException if the WAV is not 8 kHz mono 16-bit PCM, or on I/O failure
     */
    public static long encode(Path wav, Path mp3, int kbps) throws IOException {
        return encode(wav, mp3, kbps, Pacing.NONE);
    }

    /**
     * As {@link #encode(Path, Path, int)}, telling {@code pacing} after each chunk (about 1.2 s of audio)
     * how long it took, so background work can give the cores back to live calls between chunks.
     */
    public static long encode(Path wav, Path mp3, int kbps, Pacing pacing) throws IOException {
        return encode(wav, mp3, kbps, QUALITY, pacing);
    }

    static long encode(Path wav, Path mp3, int kbps, int quality, Pacing pacing) throws IOException {
        if (!supportsBitRate(kbps)) {
            throw new IllegalArgumentException("unsupported bit rate " + kbps);
        }
        ONE_AT_A_TIME.lock();
        try (InputStream in = Files.newInputStream(wav);
             FileChannel out = FileChannel.open(mp3, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            requireTelephonyWav(in.readNBytes(WavWriter.HEADER_BYTES), wav);
            Session session = new Session(kbps, quality);
            byte[] pcm = new byte[CHUNK_SAMPLES * 2];
            int[] samples = new int[CHUNK_SAMPLES];
            byte[] encoded = new byte[CHUNK_SAMPLES * 5 / 4 + 7200];
            for (int n = in.readNBytes(pcm, 0, pcm.length); n >= 2; n = in.readNBytes(pcm, 0, pcm.length)) {
                long started = System.nanoTime();
                int count = n / 2;
                for (int i = 0; i < count; i++) {
                    samples[i] = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8)) << 16;
                }
                write(out, encoded, session.encode(samples, count, encoded));
                pacing.chunkEncoded(Duration.ofNanos(System.nanoTime() - started));
            }
            write(out, encoded, session.flush(encoded));
            int tag = session.lameTag(encoded);
            if (tag > 0) {
                out.write(ByteBuffer.wrap(encoded, 0, tag), 0);
            }
            return out.size();
        } finally {
            ONE_AT_A_TIME.unlock();
        }
    }

    /** Told after each chunk encoded; may wait before the next (it runs on the encoding thread). */
    @FunctionalInterface
    public interface Pacing {
        Pacing NONE = busy -> { };

        void chunkEncoded(Duration busy);
    }

    private static void write(FileChannel out, byte[] data, int length) throws IOException {
        if (length < 0) {
            throw new IOException("MP3 encoder error " + length);
        }
        ByteBuffer b = ByteBuffer.wrap(data, 0, length);
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    private static void requireTelephonyWav(byte[] h, Path wav) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        boolean ok = h.length == WavWriter.HEADER_BYTES
                && b.getInt(0) == 0x46464952 // RIFF
                && b.getInt(8) == 0x45564157 // WAVE
                && b.getShort(20) == 1 && b.getShort(22) == 1
                && b.getInt(24) == Pcm.SAMPLE_RATE && b.getShort(34) == 16
                && b.getInt(36) == 0x61746164; // data
        if (!ok) {
            throw new IOException(wav + " is not an 8 kHz mono 16-bit WAV with a canonical header");
        }
    }

    /** One LAME encoder with its modules wired as jump3r expects. */
    private static final class Session {
        private final Lame lame = new Lame();
        private final VBRTag vbr = new VBRTag();
        private final LameGlobalFlags flags;

        Session(int kbps, int quality) {
            GainAnalysis gain = new GainAnalysis();
            BitStream bits = new BitStream();
            Presets presets = new Presets();
            QuantizePVT quantizePvt = new QuantizePVT();
            Quantize quantize = new Quantize();
            Version version = new Version();
            ID3Tag id3 = new ID3Tag();
            Reservoir reservoir = new Reservoir();
            Takehiro takehiro = new Takehiro();
            Parse parse = new Parse();
            MPGLib mpg = new MPGLib();
            Interface intf = new Interface();
            Common common = new Common();
            lame.setModules(gain, bits, presets, quantizePvt, quantize, vbr, version, id3, mpg);
            bits.setModules(gain, mpg, version, vbr);
            id3.setModules(bits, version);
            presets.setModules(lame);
            quantize.setModules(bits, reservoir, quantizePvt, takehiro);
            quantizePvt.setModules(takehiro, reservoir, lame.enc.psy);
            reservoir.setModules(bits);
            takehiro.setModules(quantizePvt);
            vbr.setModules(lame, bits, version);
            new GetAudio().setModules(parse, mpg);
            parse.setModules(version, id3, presets);
            mpg.setModules(intf, common);
            intf.setModules(vbr, common);

            flags = lame.lame_init();
            flags.num_channels = 1;
            flags.in_samplerate = Pcm.SAMPLE_RATE;
            flags.out_samplerate = Pcm.SAMPLE_RATE;
            flags.mode = MPEGMode.MONO;
            flags.VBR = VbrMode.vbr_off;
            flags.brate = kbps;
            flags.quality = quality;
            flags.bWriteVbrTag = true;
            id3.id3tag_init(flags);
            flags.write_id3tag_automatic = false;
            flags.findReplayGain = false;
            int status = lame.lame_init_params(flags);
            if (status < 0) {
                throw new IllegalStateException("LAME refused its parameters: " + status);
            }
        }

        int encode(int[] samples, int count, byte[] out) {
            return lame.lame_encode_buffer_int(flags, samples, samples, count, out, 0, out.length);
        }

        int flush(byte[] out) {
            return lame.lame_encode_flush(flags, out, 0, out.length);
        }

        int lameTag(byte[] out) {
            int n = vbr.getLameTagFrame(flags, out);
            lame.lame_close(flags);
            return n > out.length ? 0 : n;
        }
    }
}
