package io.ramal.cti.core;

import static io.ramal.cti.ConnectionState.ALERTING;
import static io.ramal.cti.ConnectionState.CONNECTED;
import static io.ramal.cti.ConnectionState.FAILED;
import static io.ramal.cti.ConnectionState.HELD;
import static io.ramal.cti.ConnectionState.INITIATED;
import static io.ramal.cti.ConnectionState.NULL;
import static io.ramal.cti.ConnectionState.QUEUED;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.HoldOrigin;
import io.ramal.cti.Capabilities;
import io.ramal.cti.PartySnapshot;
import io.ramal.cti.ReleaseCause;
import io.ramal.cti.event.CallCampaignChanged;
import io.ramal.cti.event.CallConferenced;
import io.ramal.cti.event.CallDelivered;
import io.ramal.cti.event.CallDiverted;
import io.ramal.cti.event.CallDtmfReceived;
import io.ramal.cti.event.CallEstablished;
import io.ramal.cti.event.CallFailed;
import io.ramal.cti.event.CallHeld;
import io.ramal.cti.event.CallMuted;
import io.ramal.cti.event.CallOriginated;
import io.ramal.cti.event.CallRetrieved;
import io.ramal.cti.event.CallTransferred;
import io.ramal.cti.event.CallUnmuted;
import io.ramal.cti.event.ConnectionCleared;
import io.ramal.cti.event.CtiEvent;
import io.ramal.cti.fact.CallCreated;
import io.ramal.cti.fact.CampaignAttached;
import io.ramal.cti.fact.CallFact;
import io.ramal.cti.fact.CallRedirected;
import io.ramal.cti.fact.DigitDetected;
import io.ramal.cti.fact.LegAlerted;
import io.ramal.cti.fact.LegAnswered;
import io.ramal.cti.fact.LegConferenced;
import io.ramal.cti.fact.LegCreated;
import io.ramal.cti.fact.LegFact;
import io.ramal.cti.fact.LegHeld;
import io.ramal.cti.fact.LegMuted;
import io.ramal.cti.fact.LegReleased;
import io.ramal.cti.fact.LegRetrieved;
import io.ramal.cti.fact.LegTransferred;
import io.ramal.cti.fact.LegUnmuted;
import io.ramal.cti.fact.RecorderFact;
import io.ramal.cti.fact.RecorderStopped;
import io.ramal.cti.fact.TelephonyFact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Applies call facts to a tenant's call table and says, as events, what changed. Every event
 * about a call raises the call's version by one (a DTMF digit changes nothing and keeps it).
 */
final class CallTracker {
    /** A party moved out of a call, with what it looked like there. */
    private record Moved(LiveParty party, boolean originator, boolean visible) {}

    private final String tenant;
    private final CallTable table;
    private final Snapshots snapshots;
    private final RecordingTracker recordings;

    CallTracker(String tenant, CallTable table, Snapshots snapshots) {
        this.tenant = tenant;
        this.table = table;
        this.snapshots = snapshots;
        this.recordings = new RecordingTracker(tenant, snapshots);
    }

    Outcome on(CallFact fact) {
        return switch (fact) {
            case CallCreated f -> created(f);
            case LegCreated f -> legCreated(f);
            case LegFact f -> onLeg(f);
            case CallRedirected f -> redirected(f);
            case CampaignAttached f -> table.get(f.callId())
                    .map(call -> campaign(call, f))
                    .orElseGet(() -> missing(f));
            case RecorderFact f -> table.get(f.callId())
                    .map(call -> recordings.on(call, f))
                    .orElseGet(() -> missing(f));
        };
    }

    private Outcome created(CallCreated f) {
        if (table.get(f.callId()).isPresent() || table.ended(f.callId())) {
            return anomaly(Anomaly.Kind.DUPLICATE_CALL, f, "call " + f.callId() + " already exists");
        }
        LiveCall call = new LiveCall(f.callId(), f.direction(), f.caller(), f.callerName(), f.dialled(),
                f.dialledName(), f.at(), f.consultationOf());
        table.add(call);
        LiveParty caller = table.join(call, f.caller(), f.callerName(), true, INITIATED, f.at());
        table.attach(caller, f.legId());
        List<CtiEvent> out = new ArrayList<>();
        emit(out, caller, (party, snapshot) -> new CallOriginated(tenant, f.at(), party, snapshot));
        return Outcome.of(out);
    }

    private Outcome legCreated(LegCreated f) {
        Optional<LiveCall> found = table.get(f.callId());
        if (found.isEmpty()) {
            return missing(f);
        }
        LiveCall call = found.get();
        if (call.legs.containsKey(f.legId()) || call.retiredLegs.contains(f.legId())) {
            return anomaly(Anomaly.Kind.DUPLICATE_LEG, f, "leg " + f.legId() + " already exists in call " + call.id);
        }
        LiveParty party = call.parties.stream()
                .filter(p -> !p.originator && p.endpoint.equals(f.target())
                        && (p.state == NULL || p.state == ALERTING || p.state == QUEUED))
                .findFirst()
                .orElseGet(() -> table.join(call, f.target(), f.name(), false, NULL, f.at()));
        if (party.state == NULL && party.name.isEmpty()) {
            party.name = f.name();
        }
        if (f.offer().isPresent()) {
            party.offer = f.offer();
        }
        table.attach(party, f.legId());
        return Outcome.none();
    }

    private Outcome onLeg(LegFact f) {
        Optional<LiveCall> found = table.get(f.callId());
        if (found.isEmpty()) {
            return missing(f);
        }
        LiveCall call = found.get();
        LiveParty party = call.legs.get(f.legId());
        if (party == null) {
            if (!call.retiredLegs.contains(f.legId())) {
                return anomaly(Anomaly.Kind.UNKNOWN_LEG, f, "no leg " + f.legId() + " in call " + call.id);
            }
            return f instanceof LegReleased ? Outcome.none()
                    : anomaly(Anomaly.Kind.INVALID_TRANSITION, f, "leg " + f.legId() + " has already left call "
                            + call.id);
        }
        return switch (f) {
            case LegAlerted a -> alerted(party, a);
            case LegAnswered a -> answered(party, a);
            case LegHeld h -> held(party, h);
            case LegRetrieved r -> retrieved(party, r);
            case LegReleased r -> released(party, r);
            case LegTransferred t -> transferred(party, t);
            case LegConferenced c -> conferenced(party, c);
            case DigitDetected d -> digit(party, d);
            case LegMuted m -> muted(party, m, true);
            case LegUnmuted u -> muted(party, u, false);
        };
    }

    private Outcome alerted(LiveParty party, LegAlerted f) {
        if (party.state == ALERTING) {
            return Outcome.none();
        }
        boolean rings = party.state == NULL || party.state == QUEUED || (party.originator && party.state == INITIATED);
        if (!rings) {
            return invalid(f, party);
        }
        party.enter(ALERTING, f.at());
        party.offer.ifPresent(offer -> party.call.queue = Optional.of(offer.queue()));
        List<CtiEvent> out = new ArrayList<>();
        emit(out, party, (p, call) -> new CallDelivered(tenant, f.at(), p, call, party.offer));
        return Outcome.of(out);
    }

    private Outcome answered(LiveParty party, LegAnswered f) {
        if (!party.state.beforeAnswer()) {
            return invalid(f, party);
        }
        for (String other : List.copyOf(party.legs)) {
            if (!other.equals(f.legId())) {
                table.retire(party, other);
            }
        }
        LiveCall call = party.call;
        party.enter(CONNECTED, f.at());
        if (!party.originator && call.answeredAt.isEmpty()) {
            call.answeredAt = Optional.of(f.at());
            for (LiveParty p : call.parties) {
                if (p.originator && p.state.visible() && p.state.beforeAnswer()) {
                    p.enter(CONNECTED, f.at());
                }
            }
        }
        List<CtiEvent> out = new ArrayList<>();
        emit(out, party, (p, snapshot) -> new CallEstablished(tenant, f.at(), p, snapshot));
        return Outcome.of(out);
    }

    private Outcome held(LiveParty party, LegHeld f) {
        if (party.state != CONNECTED) {
            return invalid(f, party);
        }
        party.enter(HELD, f.at());
        party.heldByServer = f.origin() == HoldOrigin.SERVER;
        List<CtiEvent> out = new ArrayList<>();
        emit(out, party, (p, call) -> new CallHeld(tenant, f.at(), p, call));
        return Outcome.of(out);
    }

    private Outcome retrieved(LiveParty party, LegRetrieved f) {
        if (party.state != HELD) {
            return invalid(f, party);
        }
        party.enter(CONNECTED, f.at());
        party.heldByServer = false;
        List<CtiEvent> out = new ArrayList<>();
        emit(out, party, (p, call) -> new CallRetrieved(tenant, f.at(), p, call));
        return Outcome.of(out);
    }

    private Outcome released(LiveParty party, LegReleased f) {
        table.retire(party, f.legId());
        if (!party.legs.isEmpty()) {
            return Outcome.none();
        }
        LiveCall call = party.call;
        if (call.conference && call.parties.stream().filter(p -> p != party && p.inConversation()).count() < 3) {
            call.conference = false; // down to two parties: a plain call again
        }
        List<CtiEvent> out = new ArrayList<>();
        boolean failedAttempt = f.cause().isFailure() && party.state.beforeAnswer()
                && (!party.originator || (!call.failed && call.answeredAt.isEmpty()));
        if (failedAttempt) {
            call.failed = true;
            party.enter(FAILED, f.at());
            emit(out, party, (p, snapshot) -> new CallFailed(tenant, f.at(), p, snapshot, f.cause()));
            clear(out, party, f.cause(), f.at());
        } else if (party.state == NULL) {
            table.leave(party);
        } else {
            clear(out, party, f.cause(), f.at());
        }
        finish(call);
        return Outcome.of(out);
    }

    private Outcome transferred(LiveParty party, LegTransferred f) {
        if (!party.inConversation()) {
            return invalid(f, party);
        }
        LiveCall call = party.call;
        Optional<LiveCall> consult = Optional.empty();
        if (f.consultCallId().isPresent()) {
            consult = table.get(f.consultCallId().get()).filter(c -> c != call);
            if (consult.isEmpty()) {
                return anomaly(Anomaly.Kind.UNKNOWN_CALL, f, "no consultation call " + f.consultCallId().get());
            }
        }
        List<Moved> moved = consult.map(y -> moveInto(y, call, party)).orElse(List.of());
        List<CtiEvent> out = new ArrayList<>();
        emit(out, party, (p, snapshot) -> new CallTransferred(tenant, f.at(), p, snapshot, f.target(),
                f.consultCallId()));
        clear(out, party, ReleaseCause.TRANSFERRED, f.at());
        consult.ifPresent(y -> closeAfterMove(out, y, moved, ReleaseCause.TRANSFERRED, f.at()));
        finish(call);
        return Outcome.of(out);
    }

    private Outcome conferenced(LiveParty party, LegConferenced f) {
        if (!party.inConversation()) {
            return invalid(f, party);
        }
        LiveCall call = party.call;
        Optional<LiveCall> merged = Optional.empty();
        if (f.mergedCallId().isPresent()) {
            merged = table.get(f.mergedCallId().get()).filter(c -> c != call);
            if (merged.isEmpty()) {
                return anomaly(Anomaly.Kind.UNKNOWN_CALL, f, "no call " + f.mergedCallId().get() + " to merge");
            }
        }
        List<Moved> moved = merged.map(y -> moveInto(y, call, party)).orElse(List.of());
        call.conference = true;
        if (party.state == HELD) {
            party.enter(CONNECTED, f.at());
        }
        List<CtiEvent> out = new ArrayList<>();
        emit(out, party, (p, snapshot) -> new CallConferenced(tenant, f.at(), p, snapshot, f.mergedCallId()));
        merged.ifPresent(y -> closeAfterMove(out, y, moved, ReleaseCause.CONFERENCED, f.at()));
        return Outcome.of(out);
    }

    /** Campaign fields attached, changed or taken off: the call changes, no party does. */
    private Outcome campaign(LiveCall call, CampaignAttached f) {
        if (call.campaign.equals(f.campaign())) {
            return Outcome.none();
        }
        call.campaign = f.campaign();
        return Outcome.of(List.of(new CallCampaignChanged(tenant, f.at(), bump(call))));
    }

    /** Server-side mute changes no connection state, only what the others hear (and the flags). */
    private Outcome muted(LiveParty party, LegFact f, boolean muted) {
        if (!party.inConversation() || party.muted == muted) {
            return invalid(f, party);
        }
        party.muted = muted;
        List<CtiEvent> out = new ArrayList<>();
        emit(out, party, (p, call) -> muted ? new CallMuted(tenant, f.at(), p, call)
                : new CallUnmuted(tenant, f.at(), p, call));
        return Outcome.of(out);
    }

    private Outcome digit(LiveParty party, DigitDetected f) {
        if (!party.state.visible()) {
            return invalid(f, party);
        }
        return Outcome.of(List.of(new CallDtmfReceived(tenant, f.at(), snapshots.party(party),
                snapshots.call(party.call), f.digit())));
    }

    private Outcome redirected(CallRedirected f) {
        Optional<LiveCall> found = table.get(f.callId());
        if (found.isEmpty()) {
            return missing(f);
        }
        LiveCall call = found.get();
        Optional<LiveParty> from = call.parties.stream()
                .filter(p -> !p.originator && p.endpoint.equals(f.from()) && p.state.beforeAnswer())
                .findFirst();
        List<CtiEvent> out = new ArrayList<>();
        if (from.isPresent() && from.get().state.visible()) {
            emit(out, from.get(), (p, snapshot) -> new CallDiverted(tenant, f.at(), p, snapshot, f.to(), f.reason()));
            clear(out, from.get(), ReleaseCause.DIVERTED, f.at());
        } else if (from.isPresent()) {
            PartySnapshot unseen = snapshots.party(from.get());
            table.leave(from.get());
            out.add(new CallDiverted(tenant, f.at(), unseen, bump(call), f.to(), f.reason()));
        } else if (call.parties.stream().anyMatch(p -> p.endpoint.equals(f.from()) && p.state.visible())) {
            return anomaly(Anomaly.Kind.INVALID_TRANSITION, f, f.from() + " has already answered call " + call.id);
        } else {
            PartySnapshot unseen = new PartySnapshot(f.from(), Optional.empty(), false, NULL, f.at(), false,
                    Capabilities.NONE);
            out.add(new CallDiverted(tenant, f.at(), unseen, bump(call), f.to(), f.reason()));
        }
        finish(call);
        return Outcome.of(out);
    }

    /** Moves every party of {@code from} except those on the acting device into {@code to}. */
    private List<Moved> moveInto(LiveCall from, LiveCall to, LiveParty actor) {
        List<Moved> moved = new ArrayList<>();
        for (LiveParty p : List.copyOf(from.parties)) {
            boolean actorsDevice = actor.endpoint.external() ? p.endpoint.equals(actor.endpoint)
                    : p.onDevice(actor.endpoint.number());
            if (!actorsDevice) {
                moved.add(new Moved(p, p.originator, p.state.visible()));
                table.move(p, to);
            }
        }
        return moved;
    }

    /** Reports the parties moved out of {@code call} as cleared there, then clears the rest and ends it. */
    private void closeAfterMove(List<CtiEvent> out, LiveCall call, List<Moved> moved, ReleaseCause cause,
            Instant at) {
        for (Moved m : moved) {
            if (m.visible()) {
                out.add(new ConnectionCleared(tenant, at, snapshots.cleared(m.party(), m.originator(), at), bump(call),
                        cause));
            }
        }
        for (LiveParty rest : List.copyOf(call.parties)) {
            if (rest.state.visible()) {
                clear(out, rest, cause, at);
            } else {
                table.leave(rest);
            }
        }
        table.end(call);
    }

    private void clear(List<CtiEvent> out, LiveParty party, ReleaseCause cause, Instant at) {
        LiveCall call = party.call;
        PartySnapshot gone = snapshots.cleared(party, party.originator, at);
        table.leave(party);
        out.add(new ConnectionCleared(tenant, at, gone, bump(call), cause));
    }

    private void emit(List<CtiEvent> out, LiveParty party, BiFunction<PartySnapshot, CallSnapshot, CtiEvent> event) {
        PartySnapshot snapshot = snapshots.party(party);
        out.add(event.apply(snapshot, bump(party.call)));
    }

    private void finish(LiveCall call) {
        if (!call.hasVisibleParties()) {
            table.end(call);
        }
    }

    private CallSnapshot bump(LiveCall call) {
        return snapshots.next(call);
    }

    private Outcome missing(CallFact f) {
        if (!table.ended(f.callId())) {
            return anomaly(Anomaly.Kind.UNKNOWN_CALL, f, "no call " + f.callId());
        }
        if (f instanceof LegReleased || f instanceof RecorderStopped) {
            return Outcome.none();
        }
        return anomaly(Anomaly.Kind.ENDED_CALL, f, "call " + f.callId() + " has ended");
    }

    private static Outcome invalid(LegFact f, LiveParty party) {
        return anomaly(Anomaly.Kind.INVALID_TRANSITION, f, f.getClass().getSimpleName() + " for leg " + f.legId()
                + " of call " + f.callId() + " while its party is " + party.state.wire());
    }

    private static Outcome anomaly(Anomaly.Kind kind, TelephonyFact fact, String detail) {
        return Outcome.of(new Anomaly(kind, fact, detail));
    }
}
