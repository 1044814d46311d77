package io.ramal.cti.core;

import io.ramal.cti.DeviceSnapshot;
import io.ramal.cti.DeviceState;
import io.ramal.cti.DeviceStateSnapshot;
import io.ramal.cti.PartySnapshot;
import io.ramal.cti.event.CallEvent;
import io.ramal.cti.event.CtiEvent;
import io.ramal.cti.event.DeviceStateChanged;
import io.ramal.cti.fact.CallFact;
import io.ramal.cti.fact.DeviceFact;
import io.ramal.cti.fact.TelephonyFact;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What each extension of a tenant is doing ({@link DeviceState}), kept beside its switchboard: after a
 * fact was applied, {@link #after} looks again at the devices the fact's events touched and reports each
 * one whose state changed as a {@code device.state_changed} event — one per real change, never for a
 * second call that leaves the state as it was, nor for a registration refresh.
 *
 * <p>A device is listed from its first change away from {@link DeviceState#OFFLINE} (a registration, or
 * a call it takes part in). Not thread-safe: the switchboard's writer calls it.
 */
public final class DeviceStates {
    private final String tenant;
    private final CallTable calls;
    private final DeviceRegistry devices;
    private final Map<String, DeviceStateSnapshot> states = new TreeMap<>();

    DeviceStates(String tenant, CallTable calls, DeviceRegistry devices) {
        this.tenant = tenant;
        this.calls = calls;
        this.devices = devices;
    }

    /**
     * The state changes {@code fact} caused (its {@code outcome} already applied to the switchboard), in
     * the order the devices first appear in the outcome's events.
     */
    public List<CtiEvent> after(TelephonyFact fact, Outcome outcome) {
        Set<String> touched = new LinkedHashSet<>();
        switch (fact) {
            case DeviceFact f -> touched.add(f.device());
            case CallFact f -> {
                for (CtiEvent event : outcome.events()) {
                    if (event instanceof CallEvent e) {
                        touch(touched, e.party());
                        e.call().parties().forEach(p -> touch(touched, p));
                    }
                }
            }
        }
        List<CtiEvent> changes = new ArrayList<>();
        touched.forEach(device -> {
            DeviceState now = current(device);
            DeviceState before = state(device).map(DeviceStateSnapshot::state).orElse(DeviceState.OFFLINE);
            if (now != before) {
                DeviceStateSnapshot after = new DeviceStateSnapshot(device, now, fact.at());
                states.put(device, after);
                changes.add(new DeviceStateChanged(tenant, fact.at(), after, before));
            }
        });
        return changes;
    }

    /** The device's state as last reported, if it ever left {@code offline}. */
    public Optional<DeviceStateSnapshot> state(String device) {
        return Optional.ofNullable(states.get(device));
    }

    /** Every device listed, by number. */
    public List<DeviceStateSnapshot> all() {
        return List.copyOf(states.values());
    }

    private static void touch(Set<String> touched, PartySnapshot party) {
        if (!party.endpoint().external()) {
            touched.add(party.device());
        }
    }

    /** From the device's parties; a device whose phone supervises a call talks in it. */
    private DeviceState current(String device) {
        if (devices.supervising(device)) {
            return DeviceState.IN_CALL;
        }
        return DeviceState.of(calls.parties(device).statesPresent(),
                devices.get(device).map(DeviceSnapshot::registered).orElse(false));
    }
}
