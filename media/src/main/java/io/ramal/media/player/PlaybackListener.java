package io.ramal.media.player;

/**
 * Learns once that a {@link Player} ended, on the thread that ended it (the clock thread for
 * {@link PlaybackEnd#FINISHED}, the caller of {@link Player#stop()} for
 * {@link PlaybackEnd#INTERRUPTED}). Must not block.
 */
@FunctionalInterface
public interface PlaybackListener {
    PlaybackListener NONE = end -> {};

    void ended(PlaybackEnd end);
}
