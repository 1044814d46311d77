package io.ramal.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which recordings of a tenant to list, newest first. Build from {@link #all()} with the
 * {@code with*} methods.
 *
 * @param callId       only recordings of this call
 * @param startedFrom  only recordings started at or after this instant
 * @param startedUntil only recordings started before this instant
 * @param extension    only recordings of calls where this extension is the caller or the callee
 * @param after        the {@link RecordingPage#nextCursor()} of the previous page
 * @param limit        at most this many per page (1 to {@value #MAX_LIMIT})
 */
public record RecordingQuery(
        Optional<String> callId, Optional<Instant> startedFrom, Optional<Instant> startedUntil,
        Optional<String> extension, Optional<String> after, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1_000;

    public RecordingQuery {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(startedFrom, "startedFrom");
        Objects.requireNonNull(startedUntil, "startedUntil");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(after, "after");
        after.ifPresent(RecordingCursor::decode);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
    }

    /** Every recording, first page of {@value #DEFAULT_LIMIT}. */
    public static RecordingQuery all() {
        return new RecordingQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_LIMIT);
    }

    public RecordingQuery withCallId(String value) {
        return new RecordingQuery(Optional.of(value), startedFrom, startedUntil, extension, after, limit);
    }

    public RecordingQuery withStartedFrom(Instant value) {
        return new RecordingQuery(callId, Optional.of(value), startedUntil, extension, after, limit);
    }

    public RecordingQuery withStartedUntil(Instant value) {
        return new RecordingQuery(callId, startedFrom, Optional.of(value), extension, after, limit);
    }

    public RecordingQuery withExtension(String number) {
        return new RecordingQuery(callId, startedFrom, startedUntil, Optional.of(number), after, limit);
    }

    /** The page after the one that returned this cursor. */
    public RecordingQuery withAfter(String cursor) {
        return new RecordingQuery(callId, startedFrom, startedUntil, extension, Optional.of(cursor), limit);
    }

    public RecordingQuery withLimit(int value) {
        return new RecordingQuery(callId, startedFrom, startedUntil, extension, after, value);
    }
}
