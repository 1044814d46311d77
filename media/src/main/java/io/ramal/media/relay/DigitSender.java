package io.ramal.media.relay;

import io.ramal.media.FrameSource;
import io.ramal.media.dtmf.DtmfDigit;
import io.ramal.media.dtmf.DtmfTones;
import io.ramal.media.dtmf.TelephoneEvent;
import io.ramal.media.dtmf.TelephoneEventGenerator;
import io.ramal.sip.transaction.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Sends queued digits into a leg, one packet every 20 ms on the scheduler, with a pause after
 * each digit: as RFC 4733 events, or as in-band dual tones (one 20 ms audio frame per packet)
 * for a leg without telephone-event. While a digit is being sent the leg's other feeds are held
 * back; during the pause they go on. Every method runs under the endpoint's send lock.
 */
final class DigitSender {
    static final Duration PACKET_INTERVAL = Duration.ofMillis(20);
    static final Duration GAP = Duration.ofMillis(60);
    private static final long PACKET_MILLIS = PACKET_INTERVAL.toMillis();

    /** Sends one packet of a digit; {@code digitNumber} tells digits apart as sources. */
    interface EventOut {
        void send(long digitNumber, int index, TelephoneEvent event);
    }

    /** Sends one 20 ms frame of an in-band digit. */
    interface ToneOut {
        void send(long digitNumber, int index, short[] frame);
    }

    /** Runs a task under the endpoint's send lock. */
    interface Locked {
        void run(Runnable task);
    }

    /** One queued key press: how it is signalled and how long the pause after it lasts. */
    private record Press(DtmfDigit digit, DigitSignal signal, Duration gap) {}

    private final Scheduler scheduler;
    private final Locked locked;
    private final EventOut events;
    private final ToneOut tones;
    private final ArrayDeque<Press> queue = new ArrayDeque<>();
    private Press current;
    private List<TelephoneEvent> currentEvents;
    private FrameSource currentTone;
    private int packets;
    private int index;
    private long digitNumber;
    private Scheduler.Cancellable pending = Scheduler.Cancellable.NONE;
    private boolean closed;

    DigitSender(Scheduler scheduler, Locked locked, EventOut events, ToneOut tones) {
        this.scheduler = scheduler;
        this.locked = locked;
        this.events = events;
        this.tones = tones;
    }

    /** Whether a digit is on the wire now (other feeds wait). */
    boolean active() {
        return current != null;
    }

    void enqueue(DtmfDigit digit, DigitSignal signal, Duration gap) {
        if (closed) {
            return;
        }
        queue.add(new Press(digit, signal, gap));
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
        Press p = queue.poll();
        if (p == null || closed) {
            return;
        }
        current = p;
        index = 0;
        digitNumber++;
        if (p.signal() == DigitSignal.TELEPHONE_EVENT) {
            currentEvents = TelephoneEventGenerator.events(p.digit().event(), p.digit().duration(),
                    TelephoneEventGenerator.VOLUME, 160);
            currentTone = null;
            packets = currentEvents.size();
        } else {
            currentEvents = null;
            currentTone = DtmfTones.of(p.digit().digit());
            packets = (int) Math.max(1, (p.digit().duration().toMillis() + PACKET_MILLIS - 1) / PACKET_MILLIS);
        }
        tick();
    }

    private void tick() {
        if (current == null || closed) {
            return;
        }
        if (currentEvents != null) {
            events.send(digitNumber, index, currentEvents.get(index));
        } else {
            tones.send(digitNumber, index, currentTone.read());
        }
        index++;
        if (index < packets) {
            pending = scheduler.schedule(PACKET_INTERVAL, () -> locked.run(this::tick));
        } else {
            Duration gap = current.gap();
            current = null;
            pending = queue.isEmpty() ? Scheduler.Cancellable.NONE : scheduler.schedule(gap, () -> locked.run(this::next));
        }
    }
}
