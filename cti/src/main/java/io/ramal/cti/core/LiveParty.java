package io.ramal.cti.core;

import io.ramal.cti.ConnectionState;
import io.ramal.cti.Endpoint;
import io.ramal.cti.QueueOffer;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The mutable state of one connection inside the core; snapshots are its public face. */
final class LiveParty {
    final Endpoint endpoint;
    /** The legs that currently serve this party (several while forked ringing). */
    final Set<String> legs = new LinkedHashSet<>();
    Optional<String> name;
    boolean originator;
    ConnectionState state;
    Instant since;
    LiveCall call;
    /** While {@code HELD}: the hold is the server's (a command), not the phone's own. */
    boolean heldByServer;
    /** Ramal does not pass on what this party says. */
    boolean muted;
    /** While it has not answered: the queue whose offer rings it, if a queue's. */
    Optional<QueueOffer> offer = Optional.empty();
    /** The tally of its extension while it is in the table (null for an external number). */
    DeviceParties device;

    LiveParty(LiveCall call, Endpoint endpoint, Optional<String> name, boolean originator, ConnectionState state,
            Instant since) {
        this.call = call;
        this.endpoint = endpoint;
        this.name = name;
        this.originator = originator;
        this.state = state;
        this.since = since;
    }

    void enter(ConnectionState next, Instant at) {
        if (device != null) {
            device.moved(state, next);
        }
        state = next;
        since = at;
    }

    /** True if this party is on the given extension (not an external number). */
    boolean onDevice(String number) {
        return !endpoint.external() && endpoint.number().equals(number);
    }

    /** Talking or holding: in the conversation. */
    boolean inConversation() {
        return state == ConnectionState.CONNECTED || state == ConnectionState.HELD;
    }
}
