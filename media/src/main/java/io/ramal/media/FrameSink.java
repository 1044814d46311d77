package io.ramal.media;

/**
 * Something that takes audio one 20 ms {@link Pcm} frame at a time (a leg sending RTP, a
 * recorder, a DTMF or tone detector). Must not block: a slow sink drops, it never stalls the
 * media path. The frame must not be modified by the sink, nor kept after the call returns
 * without copying.
 */
@FunctionalInterface
public interface FrameSink {
    FrameSink NONE = frame -> {};

    void write(short[] frame);
}
