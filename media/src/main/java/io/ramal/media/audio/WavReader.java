package io.ramal.media.audio;

import io.ramal.media.audio.WavFormat.Encoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads RIFF/WAVE files: linear PCM (8, 16, 24 bit), µ-law and A-law, mono or stereo, 8 to 96 kHz,
 * including {@code WAVE_FORMAT_EXTENSIBLE} headers. Never throws on bad input: every refusal is a
 * {@link WavResult.Rejected}. A {@code data} chunk longer than the file (a recording cut short) is
 * read as far as it goes.
 */
public final class WavReader {
    /** Files above this size are refused by {@link #read(Path)}. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private static final int MIN_RATE = 8000;
    private static final int MAX_RATE = 96000;
    private static final int EXTENSIBLE = 0xFFFE;

    private WavReader() {}

    /** Reads a file into the media plane's format (8 kHz mono), refusing files above {@link #DEFAULT_MAX_BYTES}. */
    public static WavResult<Clip> read(Path file) {
        return read(file, DEFAULT_MAX_BYTES);
    }

    /** Reads a file into the media plane's format (8 kHz mono), refusing files above {@code maxBytes}. */
    public static WavResult<Clip> read(Path file, long maxBytes) {
        WavResult<byte[]> bytes = load(file, maxBytes);
        if (bytes instanceof WavResult.Accepted<byte[]> a) {
            return read(a.value());
        }
        return bytes.castRejected();
    }

    /** Decodes WAV bytes into the media plane's format (8 kHz mono). */
    public static WavResult<Clip> read(byte[] wav) {
        return switch (decode(wav)) {
            case WavResult.Accepted<WavContent> a -> new WavResult.Accepted<>(a.value().toClip());
            case WavResult.Rejected<WavContent> r -> r.castRejected();
        };
    }

    /** Decodes a file keeping its own rate and channels. */
    public static WavResult<WavContent> decode(Path file, long maxBytes) {
        WavResult<byte[]> bytes = load(file, maxBytes);
        if (bytes instanceof WavResult.Accepted<byte[]> a) {
            return decode(a.value());
        }
        return bytes.castRejected();
    }

    /** Decodes WAV bytes keeping their own rate and channels. */
    public static WavResult<WavContent> decode(byte[] wav) {
        Objects.requireNonNull(wav, "wav");
        WavResult<Layout> layout = layout(wav);
        if (!(layout instanceof WavResult.Accepted<Layout> a)) {
            return layout.castRejected();
        }
        Layout l = a.value();
        return new WavResult.Accepted<>(new WavContent(l.format(), samples(wav, l)));
    }

    /** Reads only the header: the format and how long the audio is, without decoding samples. */
    public static WavResult<WavHeader> header(byte[] wav) {
        Objects.requireNonNull(wav, "wav");
        return switch (layout(wav)) {
            case WavResult.Accepted<Layout> a -> new WavResult.Accepted<>(
                    new WavHeader(a.value().format(), a.value().frames()));
            case WavResult.Rejected<Layout> r -> r.castRejected();
        };
    }

    static WavResult<byte[]> load(Path file, long maxBytes) {
        Objects.requireNonNull(file, "file");
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                return WavResult.rejected(WavProblem.TOO_LARGE, size + " bytes, at most " + maxBytes + " allowed");
            }
            return new WavResult.Accepted<>(Files.readAllBytes(file));
        } catch (IOException | SecurityException e) {
            return WavResult.rejected(WavProblem.UNREADABLE, String.valueOf(e.getMessage()));
        }
    }

    /** Where the samples are and what they look like. */
    private record Layout(WavFormat format, int dataOffset, int frames) {}

    private static WavResult<Layout> layout(byte[] b) {
        if (b.length < 12 || !tag(b, 0, "RIFF") || !tag(b, 8, "WAVE")) {
            return WavResult.rejected(WavProblem.NOT_WAV, "");
        }
        WavResult<WavFormat> format = null;
        int dataOffset = -1;
        long dataSize = 0;
        int pos = 12;
        while (pos + 8 <= b.length) {
            long size = u32(b, pos + 4);
            int body = pos + 8;
            long available = b.length - body;
            if (tag(b, pos, "fmt ")) {
                if (size > available || size < 16) {
                    return WavResult.rejected(WavProblem.MALFORMED, "fmt chunk of " + size + " bytes");
                }
                format = format(b, body, (int) size);
            } else if (tag(b, pos, "data")) {
                dataOffset = body;
                dataSize = Math.min(size, available);
                if (size >= available) {
                    break;
                }
            }
            long next = body + size + (size & 1);
            if (next > b.length) {
                break;
            }
            pos = (int) next;
        }
        if (format == null) {
            return WavResult.rejected(WavProblem.MALFORMED, "no fmt chunk");
        }
        if (!(format instanceof WavResult.Accepted<WavFormat> accepted)) {
            return format.castRejected();
        }
        if (dataOffset < 0) {
            return WavResult.rejected(WavProblem.NO_AUDIO, "no data chunk");
        }
        WavFormat f = accepted.value();
        long frames = dataSize / f.blockAlign();
        if (frames == 0) {
            return WavResult.rejected(WavProblem.NO_AUDIO, "empty data chunk");
        }
        return new WavResult.Accepted<>(new Layout(f, dataOffset, (int) frames));
    }

    private static WavResult<WavFormat> format(byte[] b, int at, int size) {
        int tag = u16(b, at);
        int channels = u16(b, at + 2);
        long rate = u32(b, at + 4);
        int blockAlign = u16(b, at + 12);
        int bits = u16(b, at + 14);
        if (tag == EXTENSIBLE) {
            if (size < 40) {
                return WavResult.rejected(WavProblem.MALFORMED, "extensible fmt chunk of " + size + " bytes");
            }
            tag = u16(b, at + 24);
        }
        Encoding encoding = switch (tag) {
            case 1 -> Encoding.PCM;
            case 6 -> Encoding.ALAW;
            case 7 -> Encoding.MULAW;
            default -> null;
        };
        if (encoding == null) {
            return WavResult.rejected(WavProblem.UNSUPPORTED_ENCODING, "format tag " + tag);
        }
        if (channels < 1 || channels > 2) {
            return WavResult.rejected(WavProblem.UNSUPPORTED_CHANNELS, channels + " channels");
        }
        if (rate < MIN_RATE || rate > MAX_RATE) {
            return WavResult.rejected(WavProblem.UNSUPPORTED_SAMPLE_RATE, rate + " Hz");
        }
        boolean bitsOk = encoding == Encoding.PCM ? bits == 8 || bits == 16 || bits == 24 : bits == 8;
        if (!bitsOk) {
            return WavResult.rejected(WavProblem.UNSUPPORTED_BITS, bits + " bits " + encoding);
        }
        WavFormat f = new WavFormat(encoding, (int) rate, channels, bits);
        if (blockAlign != f.blockAlign()) {
            return WavResult.rejected(WavProblem.MALFORMED, "block align " + blockAlign + ", expected " + f.blockAlign());
        }
        return new WavResult.Accepted<>(f);
    }

    private static short[][] samples(byte[] b, Layout l) {
        WavFormat f = l.format();
        int channels = f.channels();
        int width = f.bytesPerSample();
        short[][] out = new short[channels][l.frames()];
        int pos = l.dataOffset();
        for (int i = 0; i < l.frames(); i++) {
            for (int c = 0; c < channels; c++) {
                out[c][i] = sample(b, pos, f);
                pos += width;
            }
        }
        return out;
    }

    private static short sample(byte[] b, int at, WavFormat f) {
        return switch (f.encoding()) {
            case MULAW -> Companding.mulaw(b[at]);
            case ALAW -> Companding.alaw(b[at]);
            case PCM -> switch (f.bitsPerSample()) {
                case 8 -> (short) (((b[at] & 0xFF) - 128) << 8);
                case 16 -> (short) ((b[at] & 0xFF) | (b[at + 1] << 8));
                default -> (short) ((b[at + 1] & 0xFF) | (b[at + 2] << 8));
            };
        };
    }

    private static boolean tag(byte[] b, int at, String tag) {
        if (at + 4 > b.length) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (b[at + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return ((long) u16(b, at)) | ((long) u16(b, at + 2)) << 16;
    }
}
