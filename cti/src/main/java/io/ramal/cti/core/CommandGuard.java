package io.ramal.cti.core;

import static io.ramal.cti.ConnectionState.ALERTING;
import static io.ramal.cti.ConnectionState.HELD;

import io.ramal.cti.Action;
import io.ramal.cti.ConnectionState;
import io.ramal.cti.DeviceSnapshot;
import io.ramal.cti.RecordingState;
import io.ramal.cti.control.CallCommand;
import io.ramal.cti.control.CallCommand.OnCall;
import io.ramal.cti.control.Refusal;
import io.ramal.cti.control.RefusalCode;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Checks a command against the tenant's current state before it goes to the {@code CallControl}
 * port: arguments first ({@code invalid_argument}), then the call ({@code not_found}), its version
 * ({@code version_mismatch}), the acting party ({@code not_found}) and finally the same rules that
 * compute the capability flags ({@code invalid_state}, {@code not_supported_by_device}).
 */
final class CommandGuard {
    private static final int MAX_DESTINATION = 64;
    private static final int MAX_DIGITS = 64;

    private final String tenant;
    private final CallTable table;
    private final DeviceRegistry devices;
    private final CapabilityRules rules;

    CommandGuard(String tenant, CallTable table, DeviceRegistry devices, CapabilityRules rules) {
        this.tenant = tenant;
        this.table = table;
        this.devices = devices;
        this.rules = rules;
    }

    Optional<Refusal> check(CallCommand command) {
        if (!command.tenant().equals(tenant)) {
            return refuse(RefusalCode.NOT_FOUND, "unknown tenant " + command.tenant());
        }
        return switch (command) {
            case CallCommand.Originate c -> originate(c);
            case OnCall c -> argumentProblem(c).or(() -> onCall(c));
        };
    }

    private Optional<Refusal> originate(CallCommand.Originate c) {
        if (!validDestination(c.destination())) {
            return refuse(RefusalCode.INVALID_ARGUMENT, "not a dialable destination: '" + c.destination() + "'");
        }
        boolean registered = devices.get(c.device()).map(DeviceSnapshot::registered).orElse(false);
        if (!registered) {
            return refuse(RefusalCode.DEVICE_UNAVAILABLE, "device " + c.device() + " has no registered contact");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> argumentProblem(OnCall command) {
        Optional<String> destination = switch (command) {
            case CallCommand.BlindTransfer c -> Optional.of(c.destination());
            case CallCommand.Consult c -> Optional.of(c.destination());
            case CallCommand.ConferenceAdd c -> Optional.of(c.destination());
            default -> Optional.empty();
        };
        if (destination.isPresent() && !validDestination(destination.get())) {
            return refuse(RefusalCode.INVALID_ARGUMENT, "not a dialable destination: '" + destination.get() + "'");
        }
        if (command instanceof CallCommand.SendDtmf c) {
            if (!validDigits(c.digits())) {
                return refuse(RefusalCode.INVALID_ARGUMENT, "DTMF digits must be 1 to " + MAX_DIGITS
                        + " of 0-9 * # A-D: '" + c.digits() + "'");
            }
            if (!within(c.duration(), CallCommand.SendDtmf.MIN_DURATION, CallCommand.SendDtmf.MAX_DURATION)
                    || !within(c.gap(), CallCommand.SendDtmf.MIN_GAP, CallCommand.SendDtmf.MAX_GAP)) {
                return refuse(RefusalCode.INVALID_ARGUMENT, "DTMF duration must be " + millis(
                        CallCommand.SendDtmf.MIN_DURATION) + " to " + millis(CallCommand.SendDtmf.MAX_DURATION)
                        + " and gap " + millis(CallCommand.SendDtmf.MIN_GAP) + " to "
                        + millis(CallCommand.SendDtmf.MAX_GAP) + ", not " + millis(c.duration()) + " and "
                        + millis(c.gap()));
            }
        }
        return Optional.empty();
    }

    private Optional<Refusal> onCall(OnCall command) {
        Optional<LiveCall> found = table.get(command.callId());
        if (found.isEmpty()) {
            return refuse(RefusalCode.NOT_FOUND, "no call " + command.callId());
        }
        LiveCall call = found.get();
        if (command.expectedVersion().isPresent() && command.expectedVersion().getAsLong() != call.version) {
            return refuse(RefusalCode.VERSION_MISMATCH, "call " + call.id + " is at version " + call.version
                    + ", not " + command.expectedVersion().getAsLong());
        }
        return switch (command) {
            case CallCommand.Answer c -> act(call, c.device(), Action.ANSWER, p -> p.state == ALERTING);
            case CallCommand.Hangup c -> c.device().isEmpty() ? Optional.empty()
                    : act(call, c.device().get(), Action.HANGUP, p -> true);
            case CallCommand.Hold c -> act(call, c.device(), Action.HOLD, p -> p.state == ConnectionState.CONNECTED);
            case CallCommand.Retrieve c -> act(call, c.device(), Action.RETRIEVE, p -> p.state == HELD);
            case CallCommand.BlindTransfer c -> act(call, c.device(), Action.TRANSFER, LiveParty::inConversation);
            case CallCommand.Consult c -> act(call, c.device(), Action.CONSULT, LiveParty::inConversation);
            case CallCommand.CompleteTransfer c -> pair(call, c.consultCallId(), c.device(), true);
            case CallCommand.CancelTransfer c -> pair(call, c.consultCallId(), c.device(), false);
            case CallCommand.ConferenceAdd c -> act(call, c.device(), Action.CONFERENCE, p -> true);
            case CallCommand.ConferenceStart c -> conferenceStart(call, c);
            case CallCommand.SendDtmf c -> act(call, c.device(), Action.SEND_DTMF, p -> true);
            case CallCommand.Mute c -> act(call, c.device(), Action.MUTE, p -> true);
            case CallCommand.Unmute c -> act(call, c.device(), Action.UNMUTE, p -> true);
            case CallCommand.StartRecording c -> startRecording(call);
            case CallCommand.StopRecording c -> recording(call, call.recording != RecordingState.OFF, "stop");
            case CallCommand.PauseRecording c -> recording(call, call.recording == RecordingState.ACTIVE, "pause");
            case CallCommand.ResumeRecording c -> recording(call, call.recording == RecordingState.PAUSED, "resume");
        };
    }

    /** The acting party must exist in the call and be allowed the action. */
    private Optional<Refusal> act(LiveCall call, String device, Action action, Predicate<LiveParty> preferred) {
        Optional<LiveParty> party = party(call, device, preferred);
        if (party.isEmpty()) {
            return refuse(RefusalCode.NOT_FOUND, "device " + device + " is not a party of call " + call.id);
        }
        return refusal(action, party.get(), call);
    }

    private Optional<Refusal> pair(LiveCall held, String consultCallId, String device, boolean complete) {
        Optional<LiveCall> consult = table.get(consultCallId).filter(c -> c != held);
        if (consult.isEmpty()) {
            return refuse(RefusalCode.NOT_FOUND, "no consultation call " + consultCallId);
        }
        Optional<LiveParty> holding = party(held, device, p -> p.state == HELD);
        Optional<LiveParty> consulting = party(consult.get(), device, p -> !p.state.beforeAnswer());
        if (holding.isEmpty() || consulting.isEmpty()) {
            return refuse(RefusalCode.NOT_FOUND, "device " + device + " is not a party of both calls " + held.id
                    + " and " + consultCallId);
        }
        if (holding.get().endpoint.external()) {
            return refuse(RefusalCode.NOT_SUPPORTED_BY_DEVICE, device + " is an external party");
        }
        boolean allowed = complete ? rules.transferPair(holding.get(), consulting.get())
                : holding.get().state == HELD;
        return allowed ? Optional.empty() : refuse(RefusalCode.INVALID_STATE, "device " + device + " cannot "
                + (complete ? "complete" : "cancel") + " a transfer between calls " + held.id + " (it is "
                + holding.get().state.wire() + ") and " + consultCallId + " (it is "
                + consulting.get().state.wire() + ")");
    }

    private Optional<Refusal> conferenceStart(LiveCall call, CallCommand.ConferenceStart c) {
        if (c.mergeCallId().isEmpty()) {
            return act(call, c.device(), Action.CONFERENCE, p -> true);
        }
        Optional<LiveCall> other = table.get(c.mergeCallId().get()).filter(o -> o != call);
        if (other.isEmpty()) {
            return refuse(RefusalCode.NOT_FOUND, "no call " + c.mergeCallId().get() + " to merge");
        }
        Optional<LiveParty> here = party(call, c.device(), LiveParty::inConversation);
        Optional<LiveParty> there = party(other.get(), c.device(), LiveParty::inConversation);
        if (here.isEmpty() || there.isEmpty()) {
            return refuse(RefusalCode.NOT_FOUND, "device " + c.device() + " is not a party of both calls " + call.id
                    + " and " + other.get().id);
        }
        boolean allowed = here.get().inConversation() && call.hasPeer(here.get())
                && there.get().inConversation() && other.get().hasPeer(there.get());
        return allowed ? Optional.empty() : refuse(RefusalCode.INVALID_STATE, "device " + c.device()
                + " must be talking or holding in both calls to merge them");
    }

    private Optional<Refusal> startRecording(LiveCall call) {
        if (call.recording != RecordingState.OFF) {
            return refuse(RefusalCode.INVALID_STATE, "call " + call.id + " is already recording ("
                    + call.recording.wire() + ")");
        }
        boolean someoneMay = call.parties.stream().anyMatch(p -> p.state.visible()
                && rules.refusal(Action.RECORD, p).isEmpty());
        return someoneMay ? Optional.empty()
                : refuse(RefusalCode.INVALID_STATE, "call " + call.id + " has no conversation to record");
    }

    private static Optional<Refusal> recording(LiveCall call, boolean allowed, String verb) {
        return allowed ? Optional.empty() : refuse(RefusalCode.INVALID_STATE, "cannot " + verb
                + " recording of call " + call.id + ": recording is " + call.recording.wire());
    }

    private Optional<Refusal> refusal(Action action, LiveParty party, LiveCall call) {
        return rules.refusal(action, party).map(code -> new Refusal(code, switch (code) {
            case NOT_SUPPORTED_BY_DEVICE -> party.endpoint.external()
                    ? party.endpoint.number() + " is an external party; " + action.flag() + " is false"
                    : "device " + party.endpoint.number() + " does not support " + action.flag().substring(4)
                            + " from the server";
            default -> action == Action.RETRIEVE && party.state == HELD && !party.heldByServer
                    ? "device " + party.endpoint.number() + " put call " + call.id + " on hold from the phone itself;"
                            + " it is retrieved from the phone (can_retrieve is false)"
                    : "device " + party.endpoint.number() + " is " + party.state.wire() + " in call " + call.id
                    + " (version " + call.version + "): " + action.flag() + " is false";
        }));
    }

    /** The visible party of {@code device} in the call, preferring one that fits the command. */
    private static Optional<LiveParty> party(LiveCall call, String device, Predicate<LiveParty> preferred) {
        return call.parties.stream()
                .filter(p -> p.state.visible() && p.endpoint.number().equals(device))
                .min(Comparator.comparing(p -> preferred.test(p) ? 0 : 1));
    }

    static boolean validDestination(String destination) {
        if (destination.isEmpty() || destination.length() > MAX_DESTINATION) {
            return false;
        }
        for (int i = 0; i < destination.length(); i++) {
            char c = destination.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || "+*#._-@:".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean validDigits(String digits) {
        if (digits.isEmpty() || digits.length() > MAX_DIGITS) {
            return false;
        }
        String upper = digits.toUpperCase(Locale.ROOT);
        for (int i = 0; i < upper.length(); i++) {
            if ("0123456789*#ABCD".indexOf(upper.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean within(java.time.Duration value, java.time.Duration min, java.time.Duration max) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    private static String millis(java.time.Duration value) {
        return value.toMillis() + " ms";
    }

    private static Optional<Refusal> refuse(RefusalCode code, String message) {
        return Optional.of(new Refusal(code, message));
    }
}
