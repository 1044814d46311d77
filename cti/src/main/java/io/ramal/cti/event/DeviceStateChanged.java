package io.ramal.cti.event;

import io.ramal.cti.DeviceState;
import io.ramal.cti.DeviceStateSnapshot;
import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code device.state_changed}: what an extension is doing changed (offline, idle, ringing, in a
 * call, holding). One event per change, right after the event that caused it. Like the other device
 * events it names no call, so a subscriber following a call by its id does not get it.
 */
public record DeviceStateChanged(String tenant, Instant at, DeviceStateSnapshot state, DeviceState previous)
        implements CtiEvent {
    public DeviceStateChanged {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(previous, "previous");
        if (previous == state.state()) {
            throw new IllegalArgumentException("not a change: " + previous.wire() + " to " + previous.wire());
        }
    }

    @Override
    public EventType type() {
        return EventType.DEVICE_STATE_CHANGED;
    }

    @Override
    public Optional<String> callId() {
        return Optional.empty();
    }

    @Override
    public Optional<String> device() {
        return Optional.of(state.device());
    }

    /** {@code {device, state, since, previous}}. */
    @Override
    public Map<String, Object> data() {
        return JsonFields.create().putAll(state.toJson()).put("previous", previous.wire()).build();
    }
}
