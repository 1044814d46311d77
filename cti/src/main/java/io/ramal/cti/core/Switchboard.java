package io.ramal.cti.core;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.DeviceSnapshot;
import io.ramal.cti.Identifiers;
import io.ramal.cti.TenantSnapshot;
import io.ramal.cti.control.CallCommand;
import io.ramal.cti.control.Refusal;
import io.ramal.cti.fact.CallFact;
import io.ramal.cti.fact.DeviceFact;
import io.ramal.cti.fact.TelephonyFact;
import java.util.Objects;
import java.util.Optional;

/**
 * The CTI state of one tenant: its devices, calls and parties, driven by telephony facts.
 *
 * <p>{@link #on(TelephonyFact)} applies a fact and returns the events it caused, in order, ready
 * to be appended to the tenant's durable log. {@link #snapshot()} answers a subscribe: taken
 * between two facts, it is valid at the seq of the last event appended. {@link #check(CallCommand)}
 * says whether a command may go to the {@code CallControl} port now.
 *
 * <p>Pure and deterministic: the same facts give the same events. Not thread-safe: one writer
 * (the tenant's serial executor) calls every method.
 */
public final class Switchboard {
    /** How many ended calls are remembered, so late facts about them are absorbed quietly. */
    public static final int DEFAULT_ENDED_CALLS_REMEMBERED = 4096;

    private final String tenant;
    private final DeviceRegistry devices;
    private final CallTable calls;
    private final CallTracker tracker;
    private final Snapshots snapshots;
    private final CommandGuard guard;
    private final DeviceStates deviceStates;

    public Switchboard(String tenant) {
        this(tenant, DEFAULT_ENDED_CALLS_REMEMBERED);
    }

    public Switchboard(String tenant, int endedCallsRemembered) {
        this.tenant = Identifiers.nonBlank(tenant, "tenant");
        this.devices = new DeviceRegistry(tenant);
        this.calls = new CallTable(endedCallsRemembered);
        CapabilityRules rules = new CapabilityRules(devices::abilities, calls);
        this.snapshots = new Snapshots(rules);
        this.tracker = new CallTracker(tenant, calls, snapshots);
        this.guard = new CommandGuard(tenant, calls, devices, rules);
        this.deviceStates = new DeviceStates(tenant, calls, devices);
    }

    public String tenant() {
        return tenant;
    }

    /**
     * Applies one fact. Facts of another tenant, about unknown calls or legs, or that do not fit
     * the current state change nothing and come back as an {@link Anomaly}; they never throw.
     */
    public Outcome on(TelephonyFact fact) {
        Objects.requireNonNull(fact, "fact");
        if (!fact.tenant().equals(tenant)) {
            return Outcome.of(new Anomaly(Anomaly.Kind.WRONG_TENANT, fact, "fact of tenant " + fact.tenant()
                    + " given to tenant " + tenant));
        }
        return switch (fact) {
            case CallFact f -> tracker.on(f);
            case DeviceFact f -> devices.on(f);
        };
    }

    /** Why {@code command} may not be carried out now, or empty if it may go to the port. */
    public Optional<Refusal> check(CallCommand command) {
        return guard.check(Objects.requireNonNull(command, "command"));
    }

    /**
     * What each extension is doing. {@link #on} does not report state changes itself: its caller asks
     * {@code deviceStates().after(fact, outcome)} right after each fact and appends those events after the
     * fact's own.
     */
    public DeviceStates deviceStates() {
        return deviceStates;
    }

    /** Every known device and live call of the tenant, now. */
    public TenantSnapshot snapshot() {
        return new TenantSnapshot(tenant, devices.all(), calls.all().stream().map(snapshots::call).toList());
    }

    /** One live call, now. */
    public Optional<CallSnapshot> call(String callId) {
        return calls.get(callId).map(snapshots::call);
    }

    /** One device, if it ever registered. */
    public Optional<DeviceSnapshot> device(String number) {
        return devices.get(number);
    }
}
