package io.ramal.cti.core;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Capabilities;
import io.ramal.cti.ConnectionState;
import io.ramal.cti.PartySnapshot;
import java.time.Instant;

/** Turns the core's live state into the immutable snapshots events and subscribers see. */
final class Snapshots {
    private final CapabilityRules rules;

    Snapshots(CapabilityRules rules) {
        this.rules = rules;
    }

    PartySnapshot party(LiveParty party) {
        Capabilities capabilities = party.state.visible() ? rules.of(party) : Capabilities.NONE;
        return new PartySnapshot(party.endpoint, party.name, party.originator, party.state, party.since, party.muted,
                capabilities);
    }

    /** The party as it looks once it has left (or in the call it was moved out of). */
    PartySnapshot cleared(LiveParty party, boolean originator, Instant at) {
        return new PartySnapshot(party.endpoint, party.name, originator, ConnectionState.CLEARED, at, false,
                Capabilities.NONE);
    }

    /** Raises the call's version for a change a client can see, and returns the call as it is now. */
    CallSnapshot next(LiveCall call) {
        call.version++;
        return call(call);
    }

    CallSnapshot call(LiveCall call) {
        return new CallSnapshot(call.id, call.direction, call.state(), call.caller, call.callerName, call.dialled,
                call.dialledName, call.createdAt, call.answeredAt, call.conference, call.recording,
                call.recordingId, call.consultationOf, call.queue, call.campaign, call.version,
                call.visibleParties().stream().map(this::party).toList());
    }
}
