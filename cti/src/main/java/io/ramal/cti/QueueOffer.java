package io.ramal.cti;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A queue offering its waiting caller's call to a device (CSTA's distributing device): the queue's
 * name and how long the caller had waited when the offer was made.
 */
public record QueueOffer(String queue, Duration waited) {
    public QueueOffer {
        Identifiers.nonBlank(queue, "queue");
        Objects.requireNonNull(waited, "waited");
        if (waited.isNegative()) {
            throw new IllegalArgumentException("waited must not be negative: " + waited);
        }
    }

    /** {@code {name, wait_s}}, the wait in whole seconds. */
    public Map<String, Object> toJson() {
        return JsonFields.create().put("name", queue).put("wait_s", waited.toSeconds()).build();
    }
}
