package io.ramal.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known of one idempotency key: who claimed it for which request, and — once the request
 * was answered — the answer to repeat.
 *
 * @param fingerprint digest of the request that claimed the key
 * @param answer      empty while the first request is still being handled
 */
public record IdempotencyRecord(String fingerprint, Optional<Answer> answer, Instant createdAt) {

    public IdempotencyRecord {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The stored answer: status, body and the headers a client acts on. */
    public record Answer(int status, String contentType, String body, Optional<String> location) {
        public Answer {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(location, "location");
        }
    }
}
