package io.ramal.pbx.record;

import io.ramal.media.record.Mp3Encoder;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * How the MP3 finisher shares two cores with live calls: while any call is being recorded (so media
 * is flowing), it rests twice as long as each chunk took, using at most a third of one core, and the
 * receive loops of the calls keep their packets on time; with nothing recorded, or once the oldest
 * recording waiting for its MP3 has waited {@code waitLimit}, it runs flat out so the backlog
 * cannot grow for ever. The limit is a time rather than a count because that is what a user
 * notices (how long after the call its MP3 comes) and because a count says nothing of the work: a
 * thousand waiting six-second calls are less to encode than ten waiting hours. Java's thread
 * priorities reach Linux's scheduler only with {@code -XX:ThreadPriorityPolicy=1} as root, so
 * this is the priority everywhere else.
 *
 * @param recording  recordings in progress now
 * @param oldestWait how long the oldest recording waiting for its MP3 has waited (zero if none)
 * @param waitLimit  from this wait, no rest
 */
record FinisherPacing(IntSupplier recording, Supplier<Duration> oldestWait, Duration waitLimit)
        implements Mp3Encoder.Pacing {
    /** Rest per unit of work while calls are recorded. */
    static final int REST_FACTOR = 2;

    /** How long to rest after a chunk that took {@code busy}, given what is going on now. */
    Duration restAfter(Duration busy) {
        if (recording.getAsInt() == 0 || oldestWait.get().compareTo(waitLimit) >= 0) {
            return Duration.ZERO;
        }
        return busy.multipliedBy(REST_FACTOR);
    }

    @Override
    public void chunkEncoded(Duration busy) {
        Duration rest = restAfter(busy);
        if (rest.isZero()) {
            return;
        }
        try {
            Thread.sleep(rest);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: finish this file without resting
        }
    }
}
