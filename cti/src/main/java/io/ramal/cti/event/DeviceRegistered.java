package io.ramal.cti.event;

import io.ramal.cti.DeviceSnapshot;
import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * {@code device.registered}: a contact of the device registered (the first one, or one more), or
 * its abilities changed. Plain refreshes produce no event.
 */
public record DeviceRegistered(String tenant, Instant at, DeviceSnapshot snapshot) implements DeviceEvent {
    public DeviceRegistered {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(snapshot, "snapshot");
    }

    @Override
    public EventType type() {
        return EventType.DEVICE_REGISTERED;
    }

    @Override
    public Map<String, Object> data() {
        return snapshot.toJson();
    }
}
