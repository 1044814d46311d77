package io.ramal.api.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant's state as a client needs it to start from (calls, devices…), valid exactly at
 * {@code seq}: it reflects every event with a seq up to and including {@code seq}, and none after.
 *
 * @param data JSON-able values (see {@link NewEvent}); sent as the {@code data} of the snapshot op
 */
public record Snapshot(long seq, Map<String, Object> data) {

    public Snapshot {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative: " + seq);
        }
        data = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(data, "data")));
    }
}
