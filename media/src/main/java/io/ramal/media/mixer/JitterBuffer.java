package io.ramal.media.mixer;

import io.ramal.media.FrameSink;
import io.ramal.media.Pcm;
import java.util.Arrays;
import java.util.Objects;

/**
 * A few frames of slack between a writer on an RTP thread and a reader on the clock thread. A
 * write never blocks: when the buffer is full the oldest frame is dropped. A read of an empty
 * buffer yields silence. Frames are copied in, so writers may reuse their arrays; frames of the
 * wrong length are cut or padded with silence. No allocation after construction.
 */
public final class JitterBuffer implements FrameSink {
    /** Default depth: 3 frames (60 ms). */
    public static final int DEFAULT_DEPTH = 3;

    private final short[][] slots;
    private int head;
    private int size;
    private long dropped;
    private long underruns;

    public JitterBuffer(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be positive: " + depth);
        }
        slots = new short[depth][Pcm.FRAME_SAMPLES];
    }

    public JitterBuffer() {
        this(DEFAULT_DEPTH);
    }

    @Override
    public synchronized void write(short[] frame) {
        Objects.requireNonNull(frame, "frame");
        if (size == slots.length) {
            head = (head + 1) % slots.length;
            size--;
            dropped++;
        }
        short[] slot = slots[(head + size) % slots.length];
        int n = Math.min(frame.length, slot.length);
        System.arraycopy(frame, 0, slot, 0, n);
        if (n < slot.length) {
            Arrays.fill(slot, n, slot.length, (short) 0);
        }
        size++;
    }

    /**
     * Moves the oldest frame into {@code dest} (length {@link Pcm#FRAME_SAMPLES}); when empty,
     * fills {@code dest} with silence and returns false.
     */
    public synchronized boolean read(short[] dest) {
        if (size == 0) {
            Arrays.fill(dest, (short) 0);
            underruns++;
            return false;
        }
        System.arraycopy(slots[head], 0, dest, 0, Pcm.FRAME_SAMPLES);
        head = (head + 1) % slots.length;
        size--;
        return true;
    }

    /** Drops everything buffered. */
    public synchronized void clear() {
        head = 0;
        size = 0;
    }

    public synchronized int size() {
        return size;
    }

    /** Frames dropped because the buffer was full. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Reads that found the buffer empty. */
    public synchronized long underruns() {
        return underruns;
    }
}
