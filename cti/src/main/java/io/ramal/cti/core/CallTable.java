package io.ramal.cti.core;

import io.ramal.cti.ConnectionState;
import io.ramal.cti.Endpoint;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live calls of one tenant, an index of parties by device, and a bounded memory of calls
 * that ended (so trailing facts about them are recognised as late rather than unknown).
 */
final class CallTable {
    private static final DeviceParties NO_PARTIES = new DeviceParties();

    private final Map<String, LiveCall> calls = new LinkedHashMap<>();
    private final Map<String, DeviceParties> byDevice = new HashMap<>();
    private final Set<String> ended = new LinkedHashSet<>();
    private final int endedCapacity;

    CallTable(int endedCapacity) {
        if (endedCapacity < 0) {
            throw new IllegalArgumentException("endedCapacity must not be negative: " + endedCapacity);
        }
        this.endedCapacity = endedCapacity;
    }

    Optional<LiveCall> get(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    /** True if the call ended recently enough to be remembered. */
    boolean ended(String callId) {
        return ended.contains(callId);
    }

    Collection<LiveCall> all() {
        return Collections.unmodifiableCollection(calls.values());
    }

    void add(LiveCall call) {
        calls.put(call.id, call);
    }

    /** Adds a new party to {@code call}. */
    LiveParty join(LiveCall call, Endpoint endpoint, Optional<String> name, boolean originator, ConnectionState state,
            Instant at) {
        LiveParty party = new LiveParty(call, endpoint, name, originator, state, at);
        call.parties.add(party);
        if (!endpoint.external()) {
            DeviceParties device = byDevice.computeIfAbsent(endpoint.number(), k -> new DeviceParties());
            device.add(party);
            party.device = device;
        }
        return party;
    }

    /** Gives {@code party} a leg of its call. */
    void attach(LiveParty party, String legId) {
        party.legs.add(legId);
        party.call.legs.put(legId, party);
    }

    /** Ends one leg of a party; the party stays. */
    void retire(LiveParty party, String legId) {
        party.legs.remove(legId);
        party.call.legs.remove(legId);
        party.call.retiredLegs.add(legId);
    }

    /** Removes {@code party} from its call; its legs are retired. */
    void leave(LiveParty party) {
        for (String leg : List.copyOf(party.legs)) {
            retire(party, leg);
        }
        party.call.parties.remove(party);
        DeviceParties same = party.device;
        if (same != null) {
            same.remove(party);
            party.device = null;
            if (same.isEmpty()) {
                byDevice.remove(party.endpoint.number());
            }
        }
    }

    /** Moves {@code party} with its legs into another call (transfer, conference merge). */
    void move(LiveParty party, LiveCall to) {
        LiveCall from = party.call;
        from.parties.remove(party);
        for (String leg : party.legs) {
            from.legs.remove(leg);
            to.legs.put(leg, party);
        }
        party.call = to;
        party.originator = false;
        to.parties.add(party);
    }

    /** Removes a call whose visible parties are all gone; remaining hidden attempts are dropped. */
    void end(LiveCall call) {
        for (LiveParty party : List.copyOf(call.parties)) {
            leave(party);
        }
        calls.remove(call.id);
        ended.add(call.id);
        Iterator<String> oldest = ended.iterator();
        while (ended.size() > endedCapacity && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    /**
     * Every party on the given extension, across the tenant's calls: a read-only view, not a copy
     * (it is asked for every party of every event, and one extension may hold many calls). Read it
     * before changing the table.
     */
    Collection<LiveParty> partiesOf(String device) {
        return parties(device).all();
    }

    /** The extension's parties with their tally by state (empty when it is in no call). */
    DeviceParties parties(String device) {
        DeviceParties parties = byDevice.get(device);
        return parties == null ? NO_PARTIES : parties;
    }
}
