package io.ramal.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A call detail record (CDR). Times are kept to the millisecond.
 *
 * @param id         unique id chosen by the writer (e.g. a random UUID)
 * @param callId     the SIP Call-ID of the caller's leg
 * @param answeredAt present exactly when the disposition is {@link CallDisposition#ANSWERED}
 * @param cause      why the call ended, e.g. {@code "486 Busy Here"} or {@code "BYE from callee"}
 */
public record CallRecord(
        String id, String tenantId, String callId, String caller, String callee, CallDirection direction,
        Instant startedAt, Optional<Instant> answeredAt, Instant endedAt, CallDisposition disposition,
        String cause) {

    public CallRecord {
        Text.requireNonBlank(id, "id");
        Text.requireNonBlank(tenantId, "tenantId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(callee, "callee");
        Objects.requireNonNull(direction, "direction");
        startedAt = Objects.requireNonNull(startedAt, "startedAt").truncatedTo(ChronoUnit.MILLIS);
        answeredAt = Objects.requireNonNull(answeredAt, "answeredAt").map(t -> t.truncatedTo(ChronoUnit.MILLIS));
        endedAt = Objects.requireNonNull(endedAt, "endedAt").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(cause, "cause");
        if (endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("call ended before it started");
        }
        if (answeredAt.isPresent() != (disposition == CallDisposition.ANSWERED)) {
            throw new IllegalArgumentException("answeredAt must be present exactly for answered calls");
        }
        Instant answered = answeredAt.orElse(startedAt);
        if (answered.isBefore(startedAt) || answered.isAfter(endedAt)) {
            throw new IllegalArgumentException("answeredAt must lie between startedAt and endedAt");
        }
    }

    /** From the first request to the end of the call. */
    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }

    /** Talk time in whole seconds, any started second counted; 0 for unanswered calls. */
    public long billableSeconds() {
        long talkMillis = answeredAt.map(answered -> Duration.between(answered, endedAt).toMillis()).orElse(0L);
        return (talkMillis + 999) / 1000;
    }
}
