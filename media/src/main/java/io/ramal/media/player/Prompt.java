package io.ramal.media.player;

import io.ramal.media.FrameSource;
import io.ramal.media.Pcm;
import io.ramal.media.audio.Clip;
import java.util.Objects;

/**
 * A prompt played into one leg of a call: the clip once or over and over, optionally cut short by
 * the caller's first key press (barge-in), then silence for as long as the leg stays fed from it —
 * a leg waiting for a key after its prompt keeps receiving RTP, so phones that hang up on missing
 * audio do not. The listener learns once how the clip's playback ended, on the thread that ended it
 * (the media clock for {@link PlaybackEnd#FINISHED}; the caller of {@link #keyPressed()} or
 * {@link #stop()} for {@link PlaybackEnd#INTERRUPTED}). No clock of its own: each {@link #read()}
 * is one 20 ms frame.
 */
public final class Prompt implements FrameSource {
    /** Whether the clip plays once or until stopped. */
    public enum Repeat { ONCE, LOOP }

    private static final short[] SILENCE = Pcm.silence();
    private final Player player;
    private final boolean bargeIn;

    private Prompt(Player player, boolean bargeIn) {
        this.player = player;
        this.bargeIn = bargeIn;
    }

    /**
     * A prompt of {@code clip}; with {@code bargeIn} the first key press stops it.
     */
    public static Prompt of(Clip clip, Repeat repeat, boolean bargeIn, PlaybackListener listener) {
        Objects.requireNonNull(repeat, "repeat");
        Player player = repeat == Repeat.ONCE ? Player.once(clip, listener) : Player.looping(clip, listener);
        return new Prompt(player, bargeIn);
    }

    /** The next frame: the clip's while it plays, silence afterwards (never null). */
    @Override
    public short[] read() {
        short[] frame = player.read();
        return frame == null ? SILENCE : frame;
    }

    /**
     * A key was pressed by the party hearing the prompt: a barge-in prompt still playing stops (and
     * reports {@link PlaybackEnd#INTERRUPTED}). True when it stopped the prompt.
     */
    public boolean keyPressed() {
        if (!bargeIn || player.ended()) {
            return false;
        }
        player.stop();
        return true;
    }

    /** Stops the clip now (silence follows); no effect once it ended. */
    public void stop() {
        player.stop();
    }

    /** True while the clip still plays. */
    public boolean playing() {
        return !player.ended();
    }

    public boolean bargeIn() {
        return bargeIn;
    }
}
