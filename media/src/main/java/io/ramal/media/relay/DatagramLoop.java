package io.ramal.media.relay;

import io.ramal.media.rtp.RtpHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One platform thread reading many non-blocking datagram channels through one {@link Selector}.
 * When channels are readable it reads each one until it is empty or {@link #READS_PER_WAKEUP}
 * datagrams were read (the rest waits for the next round, so one busy channel cannot starve the
 * others) and hands every datagram to the channel's {@link DatagramReceiver} in one reused array.
 * A receiver that throws costs that datagram only: the failure is counted and logged (as is a
 * failed read), the first few in full and then every 1,000th, so a bad peer cannot flood the log
 * from this thread.
 *
 * <p>Channels are attached from any thread. Closing an attachment closes its channels at once (no
 * more reads) and returns; the kernel socket is let go by the selector at its next selection, after
 * which the attachment's release task runs on this thread (an endpoint returns its ports to the pool
 * then).
 */
final class DatagramLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DatagramLoop.class.getName());
    /** One byte more than the largest valid packet, so an oversized datagram is seen as such. */
    static final int BUFFER = RtpHeader.MAX_PACKET + 1;
    /** Datagrams read from one channel per readiness before the loop moves on. */
    static final int READS_PER_WAKEUP = 16;
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);
    /** Failures logged in full before only every 1,000th is. */
    private static final long FAILURES_LOGGED = 10;

    private final Selector selector;
    private final Thread thread;
    private final LongAdder failures;
    private final byte[] bytes = new byte[BUFFER];
    private final ByteBuffer buffer = ByteBuffer.wrap(bytes);
    private final ConcurrentLinkedQueue<Runnable> afterRelease = new ConcurrentLinkedQueue<>();
    private final LongAdder attached = new LongAdder();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile boolean running = true;
    private volatile boolean stopped;

    private DatagramLoop(String name, LongAdder failures) throws IOException {
        this.selector = Selector.open();
        this.failures = failures;
        this.thread = Thread.ofPlatform().name(name).daemon(true).priority(Thread.MAX_PRIORITY).unstarted(this::run);
    }

    static DatagramLoop start(String name, LongAdder failures) {
        try {
            DatagramLoop loop = new DatagramLoop(name, failures);
            loop.thread.start();
            return loop;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for " + name, e);
        }
    }

    /**
     * Starts reading {@code channels} (non-blocking), each into its receiver. Throws {@link
     * ClosedSelectorException} when the loop has stopped; nothing is attached then.
     */
    Attachment attach(List<DatagramChannel> channels, List<DatagramReceiver> receivers) throws IOException {
        if (channels.size() != receivers.size()) {
            throw new IllegalArgumentException("one receiver per channel");
        }
        List<SelectionKey> keys = new ArrayList<>(channels.size());
        try {
            for (int i = 0; i < channels.size(); i++) {
                keys.add(channels.get(i).register(selector, SelectionKey.OP_READ, receivers.get(i)));
            }
        } catch (IOException | RuntimeException e) {
            keys.forEach(SelectionKey::cancel);
            throw e;
        }
        wake(); // a selection in progress does not watch the new channels yet
        attached.increment();
        return new Attachment(channels);
    }

    /** Attachments not yet released. */
    long attached() {
        return attached.sum();
    }

    Thread thread() {
        return thread;
    }

    /** Stops the thread (attached channels stay open, unread) and waits for it. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(STOP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The channels of one owner, read by this loop until closed. */
    final class Attachment {
        private final List<DatagramChannel> channels;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Attachment(List<DatagramChannel> channels) {
            this.channels = List.copyOf(channels);
        }

        boolean isOpen() {
            return !closed.get();
        }

        /**
         * Closes the channels (from any thread, without waiting) and runs {@code released} on the
         * loop's thread once the kernel has let go of their sockets, after the loop's next selection.
         * A SIP shard that ends a call must not wait for a media loop that may be in the middle of a
         * round of reads. Once the loop has stopped, {@code released} runs at once on the caller's
         * thread. Idempotent: {@code released} runs once.
         */
        void close(Runnable released) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            for (DatagramChannel c : channels) {
                try {
                    c.close(); // cancels its key; the selector closes the socket at its next selection
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "closing a media channel failed", e);
                }
            }
            afterRelease.add(() -> {
                attached.decrement();
                released.run();
            });
            wake();
            if (stopped) {
                runReleases(); // no selection will come: the selector closed and let go of every socket
            }
        }
    }

    /**
     * Wakes the selection once for any number of callers until the loop takes up its next round:
     * every caller queued its work (or registered its channel) before, and the loop looks at both
     * after it clears the flag, so a skipped wakeup loses nothing; callers do not all queue on the
     * selector's wakeup lock while the loop holds it.
     */
    private void wake() {
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    // ---- the loop's thread ----

    private void run() {
        List<Runnable> due = new ArrayList<>();
        try {
            while (running) {
                wakeupPending.set(false);
                Runnable r;
                while ((r = afterRelease.poll()) != null) {
                    due.add(r);
                }
                // The selection first drops the keys cancelled so far and closes their sockets.
                if (due.isEmpty()) {
                    selector.select(this::readable);
                } else {
                    selector.selectNow(this::readable);
                }
                for (Runnable task : due) {
                    runSafely(task);
                }
                due.clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.log(System.Logger.Level.ERROR, thread.getName() + " stopped: its selector failed", e);
        } finally {
            try {
                selector.close(); // deregisters every key: closed channels' sockets are closed now
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the selector of " + thread.getName() + " failed", e);
            }
            stopped = true;
            due.forEach(this::runSafely);
            runReleases();
        }
    }

    private void runReleases() {
        Runnable r;
        while ((r = afterRelease.poll()) != null) {
            runSafely(r);
        }
    }

    private void readable(SelectionKey key) {
        try {
            read(key);
        } catch (RuntimeException e) {
            failed("reading " + local((DatagramChannel) key.channel()), e);
        }
    }

    private void read(SelectionKey key) {
        DatagramChannel channel = (DatagramChannel) key.channel();
        DatagramReceiver receiver = (DatagramReceiver) key.attachment();
        for (int i = 0; i < READS_PER_WAKEUP && key.isValid(); i++) {
            buffer.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) channel.receive(buffer);
            } catch (IOException e) {
                if (channel.isOpen()) {
                    failed("receiving on " + local(channel), e);
                }
                return;
            }
            if (from == null) {
                return; // drained
            }
            try {
                receiver.received(bytes, buffer.position(), from);
            } catch (RuntimeException e) {
                failed("handling a datagram on " + local(channel), e);
            }
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            failed("releasing media channels", e);
        }
    }

    /** Counts a failure; logs the first few in full, then every 1,000th (no log flood from one bad peer). */
    private void failed(String what, Exception e) {
        failures.increment();
        long n = failures.sum();
        if (n <= FAILURES_LOGGED || n % 1000 == 0) {
            LOG.log(System.Logger.Level.ERROR, thread.getName() + ": " + what + " failed (" + n + " so far)", e);
        }
    }

    private static String local(DatagramChannel channel) {
        try {
            return String.valueOf(channel.getLocalAddress());
        } catch (IOException e) {
            return "a closed channel";
        }
    }
}
