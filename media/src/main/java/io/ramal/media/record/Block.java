package io.ramal.media.record;

import io.ramal.media.Pcm;

/** Frames gathered on the clock thread between two flushes, handed whole to the writer. */
final class Block {
    final short[] mix;
    final short[][] parties;
    int frames;

    Block(int capacityFrames, int parties, boolean keepParties) {
        this.mix = new short[capacityFrames * Pcm.FRAME_SAMPLES];
        this.parties = keepParties ? new short[parties][capacityFrames * Pcm.FRAME_SAMPLES] : null;
    }

    int capacity() {
        return mix.length / Pcm.FRAME_SAMPLES;
    }

    int samples() {
        return frames * Pcm.FRAME_SAMPLES;
    }
}
