package io.ramal.media.rtp;

import java.util.ArrayDeque;
import java.util.BitSet;

/**
 * The configured range of UDP ports that legs receive media on, handed out as pairs (even RTP
 * port, RTCP on the next). A pair is never handed out twice before it is released; released pairs
 * go to the back of the queue, so a port just freed is the last to be reused (late packets of an
 * old call do not reach a new one). Thread-safe.
 */
public final class RtpPortPool {
    private final int first;
    private final int capacity;
    private final ArrayDeque<Integer> free;
    private final BitSet inUse;

    /** A pool over {@code [lowest, highest]} inclusive; only pairs wholly inside the range count. */
    public RtpPortPool(int lowest, int highest) {
        if (lowest <= 0 || highest > 65535 || lowest > highest) {
            throw new IllegalArgumentException("bad port range " + lowest + "-" + highest);
        }
        this.first = lowest % 2 == 0 ? lowest : lowest + 1;
        this.capacity = first + 1 <= highest ? (highest - first + 1) / 2 : 0;
        if (capacity == 0) {
            throw new IllegalArgumentException("port range " + lowest + "-" + highest + " holds no even/odd pair");
        }
        this.free = new ArrayDeque<>(capacity);
        this.inUse = new BitSet(capacity);
        for (int i = 0; i < capacity; i++) {
            free.add(first + 2 * i);
        }
    }

    public synchronized PortAllocation allocate() {
        Integer port = free.poll();
        if (port == null) {
            return new PortAllocation.Exhausted(capacity);
        }
        inUse.set(index(port));
        return new PortAllocation.Allocated(new RtpPorts(port));
    }

    /** Gives a pair back; false if it was not handed out by this pool (nothing changes then). */
    public synchronized boolean release(RtpPorts ports) {
        int rtp = ports.rtp();
        if (rtp < first || rtp >= first + 2 * capacity || !inUse.get(index(rtp))) {
            return false;
        }
        inUse.clear(index(rtp));
        free.add(rtp);
        return true;
    }

    public synchronized boolean isInUse(RtpPorts ports) {
        int rtp = ports.rtp();
        return rtp >= first && rtp < first + 2 * capacity && inUse.get(index(rtp));
    }

    /** Number of pairs in the range. */
    public int capacity() {
        return capacity;
    }

    /** Number of pairs not handed out. */
    public synchronized int available() {
        return free.size();
    }

    private int index(int rtp) {
        return (rtp - first) / 2;
    }
}
