package io.ramal.cti.core;

import io.ramal.cti.Identifiers;
import io.ramal.cti.fact.TelephonyFact;
import java.util.Locale;
import java.util.Objects;

/**
 * A fact the core could not place, so it changed nothing: worth a log line and a metric, never an
 * exception. Races between the PBX and its phones make a few of these normal (a second answer,
 * a ring after the answer); many of them point at a PBX bug.
 */
public record Anomaly(Kind kind, TelephonyFact fact, String detail) {
    public Anomaly {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fact, "fact");
        Identifiers.nonBlank(detail, "detail");
    }

    /** What was wrong with the fact. */
    public enum Kind {
        /** The fact belongs to another tenant. */
        WRONG_TENANT,
        /** No call with this id was ever seen (or it ended too long ago to remember). */
        UNKNOWN_CALL,
        /** The call has ended; the fact came too late. */
        ENDED_CALL,
        /** A call with this id exists or existed already. */
        DUPLICATE_CALL,
        /** No leg with this id in the call. */
        UNKNOWN_LEG,
        /** A leg with this id exists or existed already in the call. */
        DUPLICATE_LEG,
        /** The fact does not fit the current state (answer after release, hold while ringing…). */
        INVALID_TRANSITION,
        /** No registration was seen for this device. */
        UNKNOWN_DEVICE,
        /** An unregistration that removes nothing. */
        STALE_REGISTRATION;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return kind.wire() + ": " + detail;
    }
}
