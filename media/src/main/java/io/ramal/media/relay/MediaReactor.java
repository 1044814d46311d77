package io.ramal.media.relay;

import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The threads that read every anchored leg's RTP and RTCP: a few {@link DatagramLoop}s, platform
 * threads named {@code media-io-0}, {@code media-io-1}, … each reading many non-blocking channels
 * through one selector. An endpoint's channels all go to one loop, the loops taking endpoints in
 * turn, so the thread count stays the same however many calls are up. What a loop reads is
 * handled on the loop's thread (relay, RTCP, DTMF, taps); nothing there may block, and sends on
 * the non-blocking channels drop a datagram rather than wait for buffer space ({@link
 * #sendsDropped()}).
 */
public final class MediaReactor implements AutoCloseable {
    private final DatagramLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();
    private final LongAdder failures = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    private MediaReactor(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one loop: " + count);
        }
        loops = new DatagramLoop[count];
        try {
            for (int i = 0; i < count; i++) {
                loops[i] = DatagramLoop.start("media-io-" + i, failures);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Two loops, or one on a single-core machine. */
    public static int defaultLoops() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    /** Starts {@link #defaultLoops()} loops. */
    public static MediaReactor start() {
        return start(defaultLoops());
    }

    public static MediaReactor start(int loops) {
        return new MediaReactor(loops);
    }

    public int loops() {
        return loops.length;
    }

    /** Endpoints (channel groups) attached and not yet closed. */
    public long attached() {
        long n = 0;
        for (DatagramLoop l : loops) {
            n += l.attached();
        }
        return n;
    }

    /** Datagrams whose reading or handling threw (each was skipped; the loop went on). */
    public long handlingFailures() {
        return failures.sum();
    }

    /** Datagrams not sent because the socket's send buffer was full. */
    public long sendsDropped() {
        return dropped.sum();
    }

    /** Stops every loop and waits for them; endpoints still open stop receiving. */
    @Override
    public void close() {
        for (DatagramLoop l : loops) {
            if (l != null) {
                l.close();
            }
        }
    }

    /** Attaches one owner's channels to the next loop in turn (see {@link DatagramLoop#attach}). */
    DatagramLoop.Attachment attach(List<DatagramChannel> channels, List<DatagramReceiver> receivers)
            throws IOException {
        DatagramLoop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        return loop.attach(channels, receivers);
    }

    void sendDropped() {
        dropped.increment();
    }

    /** The loops' threads (tests). */
    List<Thread> threads() {
        return java.util.Arrays.stream(loops).map(DatagramLoop::thread).toList();
    }
}
