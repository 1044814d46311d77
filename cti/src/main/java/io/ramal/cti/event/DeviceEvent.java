package io.ramal.cti.event;

import io.ramal.cti.DeviceSnapshot;
import java.util.Optional;

/** An event about a device's registration; it carries the device after the event. */
public sealed interface DeviceEvent extends CtiEvent permits DeviceRegistered, DeviceUnregistered {
    DeviceSnapshot snapshot();

    @Override
    default Optional<String> callId() {
        return Optional.empty();
    }

    @Override
    default Optional<String> device() {
        return Optional.of(snapshot().number());
    }
}
