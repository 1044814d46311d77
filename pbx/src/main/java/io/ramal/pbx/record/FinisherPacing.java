package io.ramal.pbx.record;

import io.ramal.media.record.Mp3Encoder;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * How the MP3 finisher shares two cores with live calls: while any call is being recorded (so media
 * is flowing), it rests twice as long as each chunk took, using at most a third of one core, and the
 * receive loops of the calls keep their packets on time; with nothing recorded, or once
 * {@code backlogLimit} recordings wait for their MP3, it runs flat out so the backlog cannot grow
 * for ever. Java's thread priorities do not reach Linux's scheduler, so this is the priority.
 *
 * @param recording    recordings in progress now
 * @param backlog      recordings waiting for their MP3 (not counting the one being encoded)
 * @param backlogLimit from this many waiting, no rest
 */
record FinisherPacing(IntSupplier recording, IntSupplier backlog, int backlogLimit) implements Mp3Encoder.Pacing {
    /** Rest per unit of work while calls are recorded. */
    static final int REST_FACTOR = 2;

    /** How long to rest after a chunk that took {@code busy}, given what is going on now. */
    Duration restAfter(Duration busy) {
        if (recording.getAsInt() == 0 || backlog.getAsInt() >= backlogLimit) {
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
