package io.ramal.media;

/**
 * The one audio format inside the media plane: signed 16-bit linear PCM, mono, 8000 Hz, handled
 * in frames of 20 ms ({@value #FRAME_SAMPLES} samples, a {@code short[]}). Codecs convert at the
 * edges (G.711 on the wire, WAV and MP3 on disk); players, mixers, recorders and detectors only
 * ever see these frames.
 */
public final class Pcm {
    public static final int SAMPLE_RATE = 8000;
    public static final int FRAME_MILLIS = 20;
    public static final int FRAME_SAMPLES = SAMPLE_RATE * FRAME_MILLIS / 1000;

    private Pcm() {}

    /** A frame of silence. */
    public static short[] silence() {
        return new short[FRAME_SAMPLES];
    }
}
