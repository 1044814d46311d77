package io.ramal.cti.core;

import io.ramal.cti.event.CtiEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one telephony fact did: the events to append to the tenant's log, in order (possibly
 * none), and the anomaly if the fact could not be placed.
 */
public record Outcome(List<CtiEvent> events, Optional<Anomaly> anomaly) {
    private static final Outcome NONE = new Outcome(List.of(), Optional.empty());

    public Outcome {
        events = List.copyOf(events);
        Objects.requireNonNull(anomaly, "anomaly");
    }

    /** Nothing to report (a refresh, a fork that ended quietly). */
    public static Outcome none() {
        return NONE;
    }

    public static Outcome of(List<CtiEvent> events) {
        return new Outcome(events, Optional.empty());
    }

    public static Outcome of(Anomaly anomaly) {
        return new Outcome(List.of(), Optional.of(anomaly));
    }
}
