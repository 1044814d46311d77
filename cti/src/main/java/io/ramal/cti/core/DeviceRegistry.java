package io.ramal.cti.core;

import io.ramal.cti.DeviceAbilities;
import io.ramal.cti.DeviceSnapshot;
import io.ramal.cti.event.DeviceRegistered;
import io.ramal.cti.event.DeviceUnregistered;
import io.ramal.cti.fact.ContactRegistered;
import io.ramal.cti.fact.ContactUnregistered;
import io.ramal.cti.fact.DeviceFact;
import io.ramal.cti.fact.SupervisorConnected;
import io.ramal.cti.fact.SupervisorReleased;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registration state of a tenant's devices, from the PBX's contact facts, and the calls each
 * device's phone supervises (listens to, whispers or barges into: no party of those calls, yet busy).
 * A device is known from its first registration on; it stays listed (with 0 contacts) after it
 * unregisters.
 */
final class DeviceRegistry {
    private final String tenant;
    private final Map<String, DeviceSnapshot> devices = new TreeMap<>();
    /** The calls each device supervises now, by device. */
    private final Map<String, Set<String>> supervising = new HashMap<>();

    DeviceRegistry(String tenant) {
        this.tenant = tenant;
    }

    Outcome on(DeviceFact fact) {
        return switch (fact) {
            case ContactRegistered f -> registered(f);
            case ContactUnregistered f -> unregistered(f);
            case SupervisorConnected f -> {
                supervising.computeIfAbsent(f.device(), d -> new HashSet<>()).add(f.callId());
                yield Outcome.none();
            }
            case SupervisorReleased f -> {
                Set<String> calls = supervising.get(f.device());
                if (calls == null || !calls.remove(f.callId())) {
                    yield Outcome.of(new Anomaly(Anomaly.Kind.UNKNOWN_DEVICE, fact, "device " + f.device()
                            + " does not supervise call " + f.callId()));
                }
                if (calls.isEmpty()) {
                    supervising.remove(f.device());
                }
                yield Outcome.none();
            }
        };
    }

    /** Whether the device's phone supervises a call now. */
    boolean supervising(String number) {
        return supervising.containsKey(number);
    }

    Optional<DeviceSnapshot> get(String number) {
        return Optional.ofNullable(devices.get(number));
    }

    /** What the device can be made to do; a device never registered can do nothing remotely. */
    DeviceAbilities abilities(String number) {
        DeviceSnapshot device = devices.get(number);
        return device == null ? DeviceAbilities.NONE : device.abilities();
    }

    List<DeviceSnapshot> all() {
        return List.copyOf(devices.values());
    }

    private Outcome registered(ContactRegistered fact) {
        DeviceSnapshot before = devices.get(fact.device());
        if (before != null && before.contacts() == fact.contacts() && before.abilities().equals(fact.abilities())) {
            return Outcome.none();
        }
        DeviceSnapshot after = new DeviceSnapshot(fact.device(), fact.contacts(), fact.abilities(), fact.at());
        devices.put(fact.device(), after);
        return Outcome.of(List.of(new DeviceRegistered(tenant, fact.at(), after)));
    }

    private Outcome unregistered(ContactUnregistered fact) {
        DeviceSnapshot before = devices.get(fact.device());
        if (before == null) {
            return Outcome.of(new Anomaly(Anomaly.Kind.UNKNOWN_DEVICE, fact, "no registration seen for device "
                    + fact.device()));
        }
        if (fact.contacts() >= before.contacts()) {
            return Outcome.of(new Anomaly(Anomaly.Kind.STALE_REGISTRATION, fact, "device " + fact.device() + " has "
                    + before.contacts() + " contact(s); " + fact.contacts() + " remaining removes none"));
        }
        DeviceSnapshot after = new DeviceSnapshot(fact.device(), fact.contacts(), before.abilities(), fact.at());
        devices.put(fact.device(), after);
        return Outcome.of(List.of(new DeviceUnregistered(tenant, fact.at(), after, fact.reason())));
    }
}
