package io.ramal.media.player;

import io.ramal.media.FrameSink;
import io.ramal.media.FrameSource;
import io.ramal.media.Pcm;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The media plane's metronome: one platform thread that runs every registered {@link ClockTask}
 * each 20 ms. Ticks are scheduled on absolute deadlines (no drift); after a stall it catches up
 * with at most {@link #MAX_BURST} ticks back to back and skips the rest (see {@link TickPlan}).
 * Tasks may be registered and cancelled from any thread; a task that throws is dropped and
 * reported to the {@link ClockListener}. {@link #close()} stops the thread and waits for it.
 */
public final class MediaClock implements AutoCloseable {
    /** Tick period. */
    public static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(Pcm.FRAME_MILLIS);
    /** Most ticks run back to back when catching up. */
    public static final int MAX_BURST = 3;

    private final Ticker ticker;
    private final ClockListener listener;
    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private MediaClock(String name, Ticker ticker, ClockListener listener) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.thread = Thread.ofPlatform().name(Objects.requireNonNull(name, "name")).daemon(true)
                .priority(Thread.MAX_PRIORITY).unstarted(this::run);
    }

    /** Starts a clock on real time. */
    public static MediaClock start(String name) {
        return start(name, Ticker.SYSTEM, ClockListener.NONE);
    }

    /** Starts a clock on the given time source. */
    public static MediaClock start(String name, Ticker ticker, ClockListener listener) {
        MediaClock clock = new MediaClock(name, ticker, listener);
        clock.thread.start();
        return clock;
    }

    /** A registered task; cancel it to stop its ticks (idempotent, any thread). */
    public interface Registration extends AutoCloseable {
        void cancel();

        /** True until cancelled, dropped, or the clock closed. */
        boolean active();

        @Override
        default void close() {
            cancel();
        }
    }

    /** Runs {@code task} from the next tick on. */
    public Registration register(ClockTask task) {
        Objects.requireNonNull(task, "task");
        if (!running) {
            throw new IllegalStateException("clock closed");
        }
        Entry entry = new Entry(task);
        entries.add(entry);
        return entry;
    }

    /**
     * Each tick, moves one frame from {@code source} to {@code sink}; the task ends when the source
     * returns {@code null} (a finished or stopped player).
     */
    public Registration connect(FrameSource source, FrameSink sink) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        return register(() -> {
            short[] frame = source.read();
            if (frame == null) {
                return false;
            }
            sink.write(frame);
            return true;
        });
    }

    /** Tasks currently registered. */
    public int tasks() {
        return entries.size();
    }

    /** Ticks run so far. */
    public long ticks() {
        return ticks.get();
    }

    /** Ticks skipped because the clock fell behind. */
    public long skippedTicks() {
        return skipped.get();
    }

    public boolean running() {
        return running && thread.isAlive();
    }

    /** Stops the clock thread, waits for it (up to a second), and drops all tasks. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        entries.clear();
    }

    private void run() {
        long deadline = ticker.nanoTime() + PERIOD_NANOS;
        while (running) {
            try {
                ticker.parkUntil(deadline);
            } catch (InterruptedException e) {
                break;
            }
            TickPlan plan = TickPlan.of(ticker.nanoTime(), deadline, PERIOD_NANOS, MAX_BURST);
            for (int i = 0; i < plan.run() && running; i++) {
                tickAll();
            }
            if (plan.skipped() > 0) {
                skipped.addAndGet(plan.skipped());
                listener.skipped(plan.skipped());
            }
            deadline = plan.nextDeadline();
        }
    }

    private void tickAll() {
        for (Entry entry : entries) {
            if (!entry.active) {
                continue;
            }
            boolean keep;
            try {
                keep = entry.task.tick();
            } catch (RuntimeException e) {
                keep = false;
                listener.failed(entry.task, e);
            }
            if (!keep) {
                entry.cancel();
            }
        }
        ticks.incrementAndGet();
    }

    private final class Entry implements Registration {
        final ClockTask task;
        volatile boolean active = true;

        Entry(ClockTask task) {
            this.task = task;
        }

        @Override
        public void cancel() {
            active = false;
            entries.remove(this);
        }

        @Override
        public boolean active() {
            return active && running;
        }
    }
}
