package io.ramal.cti.core;

import io.ramal.cti.ConnectionState;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The parties one extension has across a tenant's live calls, with how many are in each
 * {@link ConnectionState}: the device's state and the questions "does it hold a call?" or "does it
 * talk elsewhere?" are answered from the tally, without walking every call of an extension that
 * takes part in hundreds (a gateway, a load test). {@link LiveParty#enter} keeps the tally.
 */
final class DeviceParties {
    private static final ConnectionState[] STATES = ConnectionState.values();

    private final Set<LiveParty> parties = new LinkedHashSet<>();
    private final int[] inState = new int[STATES.length];

    void add(LiveParty party) {
        if (parties.add(party)) {
            inState[party.state.ordinal()]++;
        }
    }

    void remove(LiveParty party) {
        if (parties.remove(party)) {
            inState[party.state.ordinal()]--;
        }
    }

    /** A party of this device moves from {@code before} to {@code after}. */
    void moved(ConnectionState before, ConnectionState after) {
        inState[before.ordinal()]--;
        inState[after.ordinal()]++;
    }

    boolean isEmpty() {
        return parties.isEmpty();
    }

    /** How many of the device's parties are in {@code state} now. */
    int count(ConnectionState state) {
        return inState[state.ordinal()];
    }

    /** The parties themselves, read-only and live: read before changing the table. */
    Collection<LiveParty> all() {
        return Collections.unmodifiableCollection(parties);
    }

    /** The states at least one of the device's parties is in. */
    Set<ConnectionState> statesPresent() {
        EnumSet<ConnectionState> present = EnumSet.noneOf(ConnectionState.class);
        for (int i = 0; i < STATES.length; i++) {
            if (inState[i] > 0) {
                present.add(STATES[i]);
            }
        }
        return present;
    }
}
