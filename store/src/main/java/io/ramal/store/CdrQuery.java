package io.ramal.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which call records of a tenant to list, newest first. Build from {@link #all()} with the
 * {@code with*} methods.
 *
 * @param startedFrom  only calls started at or after this instant
 * @param startedUntil only calls started before this instant
 * @param extension    only calls where this number is the caller or the callee
 * @param after        the {@link CdrPage#nextCursor()} of the previous page
 * @param limit        at most this many records per page (1 to {@value #MAX_LIMIT})
 */
public record CdrQuery(
        Optional<Instant> startedFrom, Optional<Instant> startedUntil, Optional<String> extension,
        Optional<CallDirection> direction, Optional<CallDisposition> disposition, Optional<String> after,
        int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1_000;

    public CdrQuery {
        Objects.requireNonNull(startedFrom, "startedFrom");
        Objects.requireNonNull(startedUntil, "startedUntil");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(after, "after");
        after.ifPresent(CdrCursor::decode);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
    }

    /** Every record, first page of {@value #DEFAULT_LIMIT}. */
    public static CdrQuery all() {
        return new CdrQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
    }

    /** Calls started in [from, until). */
    public CdrQuery withStartedBetween(Instant from, Instant until) {
        return new CdrQuery(Optional.of(from), Optional.of(until), extension, direction, disposition, after, limit);
    }

    public CdrQuery withExtension(String number) {
        return new CdrQuery(startedFrom, startedUntil, Optional.of(number), direction, disposition, after, limit);
    }

    public CdrQuery withDirection(CallDirection value) {
        return new CdrQuery(startedFrom, startedUntil, extension, Optional.of(value), disposition, after, limit);
    }

    public CdrQuery withDisposition(CallDisposition value) {
        return new CdrQuery(startedFrom, startedUntil, extension, direction, Optional.of(value), after, limit);
    }

    /** The page after the one that returned this cursor. */
    public CdrQuery withAfter(String cursor) {
        return new CdrQuery(startedFrom, startedUntil, extension, direction, disposition, Optional.of(cursor), limit);
    }

    public CdrQuery withLimit(int value) {
        return new CdrQuery(startedFrom, startedUntil, extension, direction, disposition, after, value);
    }
}
