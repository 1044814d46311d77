package io.ramal.media.mixer;

import io.ramal.media.FrameSink;
import io.ramal.media.Pcm;
import io.ramal.media.audio.SoftLimiter;
import io.ramal.media.player.ClockTask;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An N-party conference bridge. Register it on a {@link io.ramal.media.player.MediaClock}; every
 * tick it takes one frame from each participant's jitter buffer (silence if none arrived), and
 * writes to each participant the sum of all the others — never its own voice — through a
 * {@link SoftLimiter}. A participant may be heard by some others only ({@link
 * Participant#heardOnlyBy}: a supervisor who listens or whispers); the rest hear the mix without it. Join, leave, mute and deafen from any thread. Cost is linear in the number
 * of participants (one total, minus each one's own contribution). After {@link #close()} the
 * next tick returns false and the clock drops the mixer.
 */
public final class ConferenceMixer implements ClockTask {
    private final int jitterDepth;
    private volatile Participant[] participants = new Participant[0];
    private volatile boolean closed;
    private final int[] total = new int[Pcm.FRAME_SAMPLES];
    private final short[] in = new short[Pcm.FRAME_SAMPLES];
    private final short[] out = new short[Pcm.FRAME_SAMPLES];
    private final int[] extra = new int[Pcm.FRAME_SAMPLES];
    private volatile long outputFailures;

    public ConferenceMixer(int jitterDepth) {
        if (jitterDepth < 1) {
            throw new IllegalArgumentException("jitter depth must be positive");
        }
        this.jitterDepth = jitterDepth;
    }

    public ConferenceMixer() {
        this(JitterBuffer.DEFAULT_DEPTH);
    }

    /** Adds a participant whose mix is written to {@code output} each tick. */
    public Participant join(String id, FrameSink output) {
        Participant p = new Participant(id, this, jitterDepth, output);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("conference closed");
            }
            Participant[] now = participants;
            Participant[] next = Arrays.copyOf(now, now.length + 1);
            next[now.length] = p;
            participants = next;
        }
        return p;
    }

    synchronized void remove(Participant p) {
        Objects.requireNonNull(p, "participant");
        Participant[] now = participants;
        int index = Arrays.asList(now).indexOf(p);
        if (index < 0) {
            return;
        }
        Participant[] next = new Participant[now.length - 1];
        System.arraycopy(now, 0, next, 0, index);
        System.arraycopy(now, index + 1, next, index, now.length - index - 1);
        participants = next;
        p.left();
    }

    /** The participants now. */
    public List<Participant> participants() {
        return List.of(participants);
    }

    public int size() {
        return participants.length;
    }

    /** Ends the conference: everyone leaves, the next tick drops the mixer from its clock. */
    public synchronized void close() {
        closed = true;
        for (Participant p : participants) {
            p.left();
        }
        participants = new Participant[0];
    }

    @Override
    public boolean tick() {
        if (closed) {
            return false;
        }
        Participant[] ps = participants;
        Arrays.fill(total, 0);
        boolean restricted = false;
        for (Participant p : ps) {
            boolean got = p.buffer().read(in);
            p.heard = got && !p.muted();
            p.audienceNow = p.audience();
            if (p.heard) {
                int[] s = p.samples;
                for (int i = 0; i < s.length; i++) {
                    s[i] = in[i];
                }
                if (p.audienceNow == null) {
                    for (int i = 0; i < s.length; i++) {
                        total[i] += s[i];
                    }
                } else {
                    restricted = true;
                }
            }
        }
        for (Participant p : ps) {
            if (p.deaf()) {
                Arrays.fill(out, (short) 0);
            } else if (!restricted) {
                mix(p.heard ? p.samples : null, null);
            } else {
                Arrays.fill(extra, 0);
                for (Participant q : ps) {
                    if (q != p && q.heard && q.audienceNow != null && contains(q.audienceNow, p)) {
                        for (int i = 0; i < extra.length; i++) {
                            extra[i] += q.samples[i];
                        }
                    }
                }
                mix(p.heard && p.audienceNow == null ? p.samples : null, extra);
            }
            deliver(p, out);
        }
        return true;
    }

    /** {@code out} = everyone heard by all, minus {@code own} (if any), plus {@code extra} (if any). */
    private void mix(int[] own, int[] plus) {
        for (int i = 0; i < out.length; i++) {
            int sum = total[i];
            if (own != null) {
                sum -= own[i];
            }
            if (plus != null) {
                sum += plus[i];
            }
            out[i] = SoftLimiter.limit(sum);
        }
    }

    private static boolean contains(Participant[] audience, Participant p) {
        for (Participant a : audience) {
            if (a == p) {
                return true;
            }
        }
        return false;
    }

    /** Outputs that threw (their frame was lost; the others were still served). */
    public long outputFailures() {
        return outputFailures;
    }

    private void deliver(Participant p, short[] frame) {
        try {
            p.output().write(frame);
        } catch (RuntimeException e) {
            outputFailures++;
        }
    }
}
