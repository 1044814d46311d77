package io.ramal.api.screenpop;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What asking the CRM for the caller's contact came to. Every outcome still pops. */
sealed interface LookupResult {

    /** The CRM knows the caller: {@code contact} is its answer (a JSON object). */
    record Found(Map<String, Object> contact) implements LookupResult {
        public Found {
            contact = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(contact, "contact")));
        }
    }

    /** The CRM answered that it does not know the caller (404, 204, an empty object or list). */
    record NotFound() implements LookupResult {}

    /** The CRM gave no usable answer: an error status, a body that is no JSON object, no connection. */
    record Failed(String reason) implements LookupResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** No complete answer within the tenant's timeout. */
    record TimedOut(Duration after) implements LookupResult {
        public TimedOut {
            Objects.requireNonNull(after, "after");
        }
    }

    /** The SSRF guard refused the URL (a private address the tenant has not allowed, say). */
    record NotAllowed(String reason) implements LookupResult {
        public NotAllowed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Nothing to look up: the call has no caller number, or the template renders no URL. */
    record Skipped(String reason) implements LookupResult {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The status as the event shows it. */
    default String status() {
        return switch (this) {
            case Found f -> "found";
            case NotFound n -> "not_found";
            case Failed f -> "failed";
            case TimedOut t -> "timeout";
            case NotAllowed n -> "not_allowed";
            case Skipped s -> "skipped";
        };
    }

    /** What went wrong, for the event's {@code lookup.error}. */
    default Optional<String> error() {
        return switch (this) {
            case Found f -> Optional.empty();
            case NotFound n -> Optional.empty();
            case Failed f -> Optional.of(f.reason());
            case TimedOut t -> Optional.of("no answer within " + t.after().toMillis() + " ms");
            case NotAllowed n -> Optional.of("url_not_allowed: " + n.reason());
            case Skipped s -> Optional.of(s.reason());
        };
    }

    /** Whether the answer may be reused for the same URL: only real answers are, never failures. */
    default boolean cacheable() {
        return this instanceof Found || this instanceof NotFound;
    }
}
