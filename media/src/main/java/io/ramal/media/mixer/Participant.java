package io.ramal.media.mixer;

import io.ramal.media.FrameSink;
import io.ramal.media.Pcm;
import java.util.Objects;

/**
 * One party in a {@link ConferenceMixer}: write its received audio to {@link #input()} (from any
 * thread); the mixer writes what it should hear to its output sink every tick. Muted: the others
 * do not hear it, it still hears them. Deaf: it hears silence (frames keep flowing so the leg's
 * RTP timing stays regular).
 */
public final class Participant {
    private final String id;
    private final ConferenceMixer mixer;
    private final JitterBuffer input;
    private final FrameSink output;
    private volatile boolean muted;
    private volatile boolean deaf;
    private volatile boolean present = true;
    /** Who hears this participant: null for everyone else, otherwise only these (possibly none). */
    private volatile Participant[] audience;
    final int[] samples = new int[Pcm.FRAME_SAMPLES];
    boolean heard;
    /** The audience as read at the start of the tick in progress (mixer thread only). */
    Participant[] audienceNow;

    Participant(String id, ConferenceMixer mixer, int jitterDepth, FrameSink output) {
        this.id = Objects.requireNonNull(id, "id");
        this.mixer = mixer;
        this.input = new JitterBuffer(jitterDepth);
        this.output = Objects.requireNonNull(output, "output");
    }

    public String id() {
        return id;
    }

    /** Where this participant's received audio is written (never blocks). */
    public FrameSink input() {
        return input;
    }

    FrameSink output() {
        return output;
    }

    JitterBuffer buffer() {
        return input;
    }

    public void mute(boolean muted) {
        this.muted = muted;
    }

    public boolean muted() {
        return muted;
    }

    public void deafen(boolean deaf) {
        this.deaf = deaf;
    }

    public boolean deaf() {
        return deaf;
    }

    /**
     * Only {@code listeners} hear this participant from now on (none: nobody hears it, though it
     * still hears them); the others hear the mix without it. Used for a supervisor who listens
     * (nobody) or whispers (one party).
     */
    public void heardOnlyBy(java.util.Collection<Participant> listeners) {
        this.audience = listeners.toArray(new Participant[0]);
    }

    /** Everyone else hears this participant again (the default). */
    public void heardByAll() {
        this.audience = null;
    }

    /** Whether everyone else hears this participant (no {@link #heardOnlyBy} restriction). */
    public boolean heardByEveryone() {
        return audience == null;
    }

    Participant[] audience() {
        return audience;
    }

    /** Still in the conference. */
    public boolean present() {
        return present;
    }

    /** Leaves the conference; its output gets no more frames after the tick in progress. */
    public void leave() {
        mixer.remove(this);
    }

    void left() {
        present = false;
    }

    @Override
    public String toString() {
        return "Participant[" + id + (muted ? ", muted" : "") + (deaf ? ", deaf" : "") + "]";
    }
}
