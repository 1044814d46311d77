package io.ramal.cti;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An extension's {@link DeviceState} and since when it has been in it.
 *
 * @param device the extension number
 * @param since  when it entered {@code state}
 */
public record DeviceStateSnapshot(String device, DeviceState state, Instant since) {
    public DeviceStateSnapshot {
        Identifiers.nonBlank(device, "device");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }

    /** {@code {device, state, since}}. */
    public Map<String, Object> toJson() {
        return JsonFields.create()
                .put("device", device)
                .put("state", state.wire())
                .put("since", since)
                .build();
    }
}
