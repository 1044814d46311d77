package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.JsonFields;
import io.ramal.cti.PartySnapshot;
import java.util.Map;
import java.util.Optional;

/**
 * An event about one party of a call. It carries that party as it is after the event (for
 * {@code connection.cleared}: in state {@code cleared}, with no capabilities) and the whole call
 * after the event, with its new {@code version}.
 */
public sealed interface CallEvent extends CtiEvent
        permits CallOriginated, CallDelivered, CallEstablished, CallHeld, CallRetrieved, CallTransferred,
        CallConferenced, CallDiverted, CallFailed, ConnectionCleared, CallDtmfReceived, CallMuted, CallUnmuted {
    /** The party the event is about. */
    PartySnapshot party();

    /** The call after the event. */
    CallSnapshot call();

    /** Fields of this type beyond the party. */
    Map<String, Object> details();

    @Override
    default Optional<String> callId() {
        return Optional.of(call().callId());
    }

    @Override
    default Optional<String> device() {
        return Optional.of(party().device());
    }

    @Override
    default Map<String, Object> data() {
        return JsonFields.create().put("party", party().toJson()).putAll(details()).build();
    }
}
