package io.ramal.media.relay;

import io.ramal.media.FrameSink;
import io.ramal.media.Pcm;
import io.ramal.media.codec.G711;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PCM taps of a leg: received audio is decoded into 20 ms frames (whatever the packet size)
 * and handed to every tap on the receiving thread. Taps must not block ({@link FrameSink}); one
 * that throws is counted and skipped, never stops the relay. Decoding happens only while a tap is
 * attached. The frame buffer is reused.
 */
final class Taps {
    private final CopyOnWriteArrayList<FrameSink> sinks = new CopyOnWriteArrayList<>();
    private final short[] frame = new short[Pcm.FRAME_SAMPLES];
    private final AtomicLong failures = new AtomicLong();
    private int filled;

    void add(FrameSink sink) {
        sinks.add(sink);
    }

    void remove(FrameSink sink) {
        sinks.remove(sink);
    }

    long failures() {
        return failures.get();
    }

    /** Receiving thread: one audio payload. */
    void audio(G711 law, byte[] buf, int offset, int length) {
        if (sinks.isEmpty()) {
            filled = 0;
            return;
        }
        while (length > 0) {
            int n = Math.min(length, frame.length - filled);
            law.decode(buf, offset, n, frame, filled);
            filled += n;
            offset += n;
            length -= n;
            if (filled == frame.length) {
                filled = 0;
                for (FrameSink s : sinks) {
                    try {
                        s.write(frame);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            }
        }
    }
}
