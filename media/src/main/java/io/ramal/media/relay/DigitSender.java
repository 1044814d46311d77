package io.ramal.media.relay;

import io.ramal.media.dtmf.DtmfDigit;
import io.ramal.media.dtmf.TelephoneEvent;
import io.ramal.media.dtmf.TelephoneEventGenerator;
import io.ramal.sip.transaction.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Sends queued digits into a leg as RFC 4733 events, one packet every 20 ms on the scheduler, with
 * a pause between digits. While a digit is being sent the leg's other feeds are held back. Every
 * method runs under the endpoint's send lock.
 */
final class DigitSender {
    static final Duration PACKET_INTERVAL = Duration.ofMillis(20);
    static final Duration GAP = Duration.ofMillis(60);

    /** Sends one event packet; {@code digitNumber} tells digits apart as sources. */
    interface EventOut {
        void send(long digitNumber, int index, TelephoneEvent event);
    }

    /** Runs a task under the endpoint's send lock. */
    interface Locked {
        void run(Runnable task);
    }

    private final Scheduler scheduler;
    private final Locked locked;
    private final EventOut out;
    private final ArrayDeque<DtmfDigit> queue = new ArrayDeque<>();
    private List<TelephoneEvent> current;
    private int index;
    private long digitNumber;
    private Scheduler.Cancellable pending = Scheduler.Cancellable.NONE;
    private boolean closed;

    DigitSender(Scheduler scheduler, Locked locked, EventOut out) {
        this.scheduler = scheduler;
        this.locked = locked;
        this.out = out;
    }

    /** Whether a digit is on the wire now (other feeds wait). */
    boolean active() {
        return current != null;
    }

    void enqueue(DtmfDigit digit) {
        if (closed) {
            return;
        }
        queue.add(digit);
        if (current == null && pending == Scheduler.Cancellable.NONE) {
            next();
        }
    }

    void close() {
        closed = true;
        queue.clear();
        current = null;
        pending.cancel();
        pending = Scheduler.Cancellable.NONE;
    }

    private void next() {
        pending = Scheduler.Cancellable.NONE;
        DtmfDigit d = queue.poll();
        if (d == null || closed) {
            return;
        }
        current = TelephoneEventGenerator.events(d.event(), d.duration(), TelephoneEventGenerator.VOLUME, 160);
        index = 0;
        digitNumber++;
        tick();
    }

    private void tick() {
        if (current == null || closed) {
            return;
        }
        out.send(digitNumber, index, current.get(index));
        index++;
        if (index < current.size()) {
            pending = scheduler.schedule(PACKET_INTERVAL, () -> locked.run(this::tick));
        } else {
            current = null;
            pending = queue.isEmpty() ? Scheduler.Cancellable.NONE : scheduler.schedule(GAP, () -> locked.run(this::next));
        }
    }
}
