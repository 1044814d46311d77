package io.ramal.api.webhooks;

import java.time.Duration;
import java.util.Objects;

/** What came of sending one request. */
sealed interface SendResult {

    Duration latency();

    /** The receiver answered with {@code status}; {@code snippet} is the start of its body. */
    record Answered(int status, String snippet, Duration latency) implements SendResult {
        public Answered {
            Objects.requireNonNull(snippet, "snippet");
            Objects.requireNonNull(latency, "latency");
        }
    }

    /** No answer: refused connection, timeout, TLS failure… */
    record Failed(String error, Duration latency) implements SendResult {
        public Failed {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(latency, "latency");
        }
    }
}
