package io.ramal.cti;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the CTI core knows of one tenant at one moment: its devices (ordered by number) and
 * its live calls (in creation order). Taken on the tenant's writer, it is valid at the sequence
 * number of the last event emitted before it, which is how a subscribe is answered atomically.
 */
public record TenantSnapshot(String tenant, List<DeviceSnapshot> devices, List<CallSnapshot> calls) {
    public TenantSnapshot {
        Identifiers.nonBlank(tenant, "tenant");
        devices = List.copyOf(devices);
        calls = List.copyOf(calls);
    }

    public Optional<CallSnapshot> call(String callId) {
        return calls.stream().filter(c -> c.callId().equals(callId)).findFirst();
    }

    public Optional<DeviceSnapshot> device(String number) {
        return devices.stream().filter(d -> d.number().equals(number)).findFirst();
    }

    /** {@code {"tenant": …, "devices": […], "calls": […]}}. */
    public Map<String, Object> toJson() {
        List<Object> deviceJson = new ArrayList<>();
        devices.forEach(d -> deviceJson.add(d.toJson()));
        List<Object> callJson = new ArrayList<>();
        calls.forEach(c -> callJson.add(c.toJson()));
        return JsonFields.create()
                .put("tenant", tenant)
                .put("devices", List.copyOf(deviceJson))
                .put("calls", List.copyOf(callJson))
                .build();
    }
}
