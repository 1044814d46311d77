package io.ramal.cti.core;

import io.ramal.cti.DeviceAbilities;
import io.ramal.cti.Direction;
import io.ramal.cti.DiversionReason;
import io.ramal.cti.Endpoint;
import io.ramal.cti.HoldOrigin;
import io.ramal.cti.ReleaseCause;
import io.ramal.cti.UnregisterReason;
import io.ramal.cti.event.CallEvent;
import io.ramal.cti.event.CtiEvent;
import io.ramal.cti.fact.CallCreated;
import io.ramal.cti.fact.CallRedirected;
import io.ramal.cti.fact.ContactRegistered;
import io.ramal.cti.fact.ContactUnregistered;
import io.ramal.cti.fact.DigitDetected;
import io.ramal.cti.fact.LegAlerted;
import io.ramal.cti.fact.LegAnswered;
import io.ramal.cti.fact.LegConferenced;
import io.ramal.cti.fact.LegCreated;
import io.ramal.cti.fact.LegHeld;
import io.ramal.cti.fact.LegMuted;
import io.ramal.cti.fact.LegUnmuted;
import io.ramal.cti.fact.LegReleased;
import io.ramal.cti.fact.LegRetrieved;
import io.ramal.cti.fact.LegTransferred;
import io.ramal.cti.fact.RecorderPaused;
import io.ramal.cti.fact.RecorderResumed;
import io.ramal.cti.fact.RecorderStarted;
import io.ramal.cti.fact.RecorderStopped;
import io.ramal.cti.fact.TelephonyFact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plays the PBX for one tenant: builds telephony facts with a manual clock (one second per fact),
 * feeds them to a switchboard and keeps every event and anomaly it got back.
 */
final class TelephonyScript {
    static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

    final String tenant;
    final Switchboard board;
    final List<CtiEvent> events = new ArrayList<>();
    final List<Anomaly> anomalies = new ArrayList<>();
    /** The {@code device.state_changed} events, kept apart so the call and device traces stay as they were. */
    final List<CtiEvent> deviceStates = new ArrayList<>();
    private Instant now = START;

    TelephonyScript(String tenant) {
        this(new Switchboard(tenant));
    }

    TelephonyScript(Switchboard board) {
        this.tenant = board.tenant();
        this.board = board;
    }

    Instant now() {
        return now;
    }

    /** Applies a fact, keeping its events and anomaly; returns the events of this fact only. */
    List<CtiEvent> apply(TelephonyFact fact) {
        Outcome outcome = board.on(fact);
        events.addAll(outcome.events());
        outcome.anomaly().ifPresent(anomalies::add);
        deviceStates.addAll(board.deviceStates().after(fact, outcome));
        return outcome.events();
    }

    private Instant tick() {
        now = now.plusSeconds(1);
        return now;
    }

    // --- devices

    List<CtiEvent> register(String device, int contacts, DeviceAbilities abilities) {
        return apply(new ContactRegistered(tenant, device, tick(), contacts, abilities));
    }

    List<CtiEvent> unregister(String device, int remaining, UnregisterReason reason) {
        return apply(new ContactUnregistered(tenant, device, tick(), remaining, reason));
    }

    // --- calls

    /** A device dials: the call and its originating leg {@code <callId>-a}. */
    List<CtiEvent> dial(String callId, String from, String dialled, Direction direction) {
        return apply(new CallCreated(tenant, callId, tick(), callId + "-a", Endpoint.device(from),
                Optional.of(nameOf(from)), dialled, Optional.empty(), direction, Optional.empty()));
    }

    /** An internal call: {@code from} dials extension {@code to}, which is named after itself. */
    List<CtiEvent> dialInternal(String callId, String from, String to) {
        return apply(new CallCreated(tenant, callId, tick(), callId + "-a", Endpoint.device(from),
                Optional.of(nameOf(from)), to, Optional.of(nameOf(to)), Direction.INTERNAL, Optional.empty()));
    }

    List<CtiEvent> create(CallCreated fact) {
        return apply(fact);
    }

    List<CtiEvent> leg(String callId, String legId, Endpoint target) {
        Optional<String> name = target.external() ? Optional.empty() : Optional.of(nameOf(target.number()));
        return apply(new LegCreated(tenant, callId, tick(), legId, target, name));
    }

    List<CtiEvent> alert(String callId, String legId) {
        return apply(new LegAlerted(tenant, callId, tick(), legId));
    }

    List<CtiEvent> answer(String callId, String legId) {
        return apply(new LegAnswered(tenant, callId, tick(), legId));
    }

    /** The phone on {@code legId} holds (its own hold key). */
    List<CtiEvent> hold(String callId, String legId) {
        return apply(new LegHeld(tenant, callId, tick(), legId, HoldOrigin.DEVICE));
    }

    /** Ramal holds for the party on {@code legId} (a hold command it carried out). */
    List<CtiEvent> serverHold(String callId, String legId) {
        return apply(new LegHeld(tenant, callId, tick(), legId, HoldOrigin.SERVER));
    }

    List<CtiEvent> mute(String callId, String legId) {
        return apply(new LegMuted(tenant, callId, tick(), legId));
    }

    List<CtiEvent> unmute(String callId, String legId) {
        return apply(new LegUnmuted(tenant, callId, tick(), legId));
    }

    List<CtiEvent> retrieve(String callId, String legId) {
        return apply(new LegRetrieved(tenant, callId, tick(), legId));
    }

    List<CtiEvent> release(String callId, String legId, ReleaseCause cause) {
        return apply(new LegReleased(tenant, callId, tick(), legId, cause));
    }

    List<CtiEvent> transfer(String callId, String legId, Endpoint target, Optional<String> consultCallId) {
        return apply(new LegTransferred(tenant, callId, tick(), legId, target, consultCallId));
    }

    List<CtiEvent> conference(String callId, String legId, Optional<String> mergedCallId) {
        return apply(new LegConferenced(tenant, callId, tick(), legId, mergedCallId));
    }

    List<CtiEvent> redirect(String callId, Endpoint from, Endpoint to, DiversionReason reason) {
        return apply(new CallRedirected(tenant, callId, tick(), from, to, reason));
    }

    List<CtiEvent> digit(String callId, String legId, char digit) {
        return apply(new DigitDetected(tenant, callId, tick(), legId, digit));
    }

    List<CtiEvent> recorderStarted(String callId, String recordingId) {
        return apply(new RecorderStarted(tenant, callId, tick(), recordingId));
    }

    List<CtiEvent> recorderPaused(String callId, String recordingId) {
        return apply(new RecorderPaused(tenant, callId, tick(), recordingId));
    }

    List<CtiEvent> recorderResumed(String callId, String recordingId) {
        return apply(new RecorderResumed(tenant, callId, tick(), recordingId));
    }

    List<CtiEvent> recorderStopped(String callId, String recordingId) {
        return apply(new RecorderStopped(tenant, callId, tick(), recordingId));
    }

    // --- whole scenarios

    /** 1001-style internal call from {@code from} to {@code to}, answered: legs {@code id-a}, {@code id-b}. */
    void talking(String callId, String from, String to) {
        dialInternal(callId, from, to);
        leg(callId, callId + "-b", Endpoint.device(to));
        alert(callId, callId + "-b");
        answer(callId, callId + "-b");
    }

    // --- reading results

    /** The dotted type names of events, in order. */
    static List<String> types(List<? extends CtiEvent> events) {
        return events.stream().map(e -> e.type().wire()).toList();
    }

    /** "type@device" for each event, in order: a compact picture of a sequence. */
    static List<String> trace(List<? extends CtiEvent> events) {
        return events.stream().map(e -> e.type().wire() + "@" + e.device().orElse("-")).toList();
    }

    static CallEvent only(List<CtiEvent> events) {
        if (events.size() != 1) {
            throw new AssertionError("expected one event, got " + trace(events));
        }
        return (CallEvent) events.getFirst();
    }

    static String nameOf(String number) {
        return switch (number) {
            case "1001" -> "Alice";
            case "1002" -> "Bob";
            case "1003" -> "Carol";
            case "1004" -> "Dave";
            default -> "Ext " + number;
        };
    }
}
