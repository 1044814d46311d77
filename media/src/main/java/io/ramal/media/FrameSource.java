package io.ramal.media;

/**
 * Something that produces audio one 20 ms {@link Pcm} frame at a time, when a media clock asks
 * (a WAV player, music on hold, a conference mix). Called by one thread at a time.
 */
@FunctionalInterface
public interface FrameSource {
    /** The next frame of {@link Pcm#FRAME_SAMPLES} samples, or {@code null} once finished. */
    short[] read();
}
