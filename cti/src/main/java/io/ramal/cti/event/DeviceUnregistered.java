package io.ramal.cti.event;

import io.ramal.cti.DeviceSnapshot;
import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import io.ramal.cti.UnregisterReason;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * {@code device.unregistered}: a contact of the device went away. Other contacts may remain:
 * {@code registered} in the data says whether the device is still reachable.
 */
public record DeviceUnregistered(String tenant, Instant at, DeviceSnapshot snapshot, UnregisterReason reason)
        implements DeviceEvent {
    public DeviceUnregistered {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public EventType type() {
        return EventType.DEVICE_UNREGISTERED;
    }

    @Override
    public Map<String, Object> data() {
        return JsonFields.create().putAll(snapshot.toJson()).put("reason", reason.wire()).build();
    }
}
