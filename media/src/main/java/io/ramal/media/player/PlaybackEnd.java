package io.ramal.media.player;

/** How a playback ended. */
public enum PlaybackEnd {
    /** The clip played to its end. */
    FINISHED,
    /** {@link Player#stop()} cut it short (a looping player only ever ends this way). */
    INTERRUPTED
}
