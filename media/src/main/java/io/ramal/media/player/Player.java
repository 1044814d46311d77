package io.ramal.media.player;

import io.ramal.media.FrameSource;
import io.ramal.media.Pcm;
import io.ramal.media.audio.Clip;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Plays a {@link Clip} as 20 ms frames, once or looping (music on hold). {@link #stop()} may be
 * called from any thread: the next {@link #read()} returns {@code null}. The listener learns
 * exactly once whether playback {@link PlaybackEnd#FINISHED finished} or was
 * {@link PlaybackEnd#INTERRUPTED interrupted}. The last frame of a clip played once is padded with
 * silence; a looping clip wraps seamlessly inside a frame.
 */
public final class Player implements FrameSource {
    private final Clip clip;
    private final boolean loop;
    private final PlaybackListener listener;
    private final AtomicBoolean ended = new AtomicBoolean();
    private int position;

    private Player(Clip clip, boolean loop, PlaybackListener listener) {
        this.clip = Objects.requireNonNull(clip, "clip");
        this.loop = loop;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Plays the clip to its end, then finishes. */
    public static Player once(Clip clip, PlaybackListener listener) {
        return new Player(clip, false, listener);
    }

    /** Plays the clip over and over until stopped. An empty clip finishes at once. */
    public static Player looping(Clip clip, PlaybackListener listener) {
        return new Player(clip, true, listener);
    }

    @Override
    public short[] read() {
        if (ended.get()) {
            return null;
        }
        int length = clip.length();
        if (length == 0 || (!loop && position >= length)) {
            end(PlaybackEnd.FINISHED);
            return null;
        }
        short[] frame = new short[Pcm.FRAME_SAMPLES];
        int filled = 0;
        while (filled < frame.length) {
            if (position >= length) {
                if (!loop) {
                    break;
                }
                position = 0;
            }
            int n = Math.min(frame.length - filled, length - position);
            clip.copyTo(position, frame, filled, n);
            filled += n;
            position += n;
        }
        return frame;
    }

    /** Ends playback now; the next read returns null. No effect once ended. */
    public void stop() {
        end(PlaybackEnd.INTERRUPTED);
    }

    /** True once finished or stopped. */
    public boolean ended() {
        return ended.get();
    }

    public Clip clip() {
        return clip;
    }

    private void end(PlaybackEnd how) {
        if (ended.compareAndSet(false, true)) {
            listener.ended(how);
        }
    }
}
