package io.ramal.cti.core;

import static io.ramal.cti.ConnectionState.ALERTING;
import static io.ramal.cti.ConnectionState.CONNECTED;
import static io.ramal.cti.ConnectionState.HELD;
import static io.ramal.cti.ConnectionState.INITIATED;

import io.ramal.cti.Action;
import io.ramal.cti.Capabilities;
import io.ramal.cti.ConnectionState;
import io.ramal.cti.DeviceAbilities;
import io.ramal.cti.RecordingState;
import io.ramal.cti.control.RefusalCode;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place that decides what a party may do. Capability flags are these rules evaluated for
 * every {@link Action}; command checks use the same rules, so flags and refusals never disagree.
 */
final class CapabilityRules {
    private static final Optional<RefusalCode> ALLOWED = Optional.empty();
    private static final Optional<RefusalCode> INVALID_STATE = Optional.of(RefusalCode.INVALID_STATE);
    private static final Optional<RefusalCode> NOT_SUPPORTED = Optional.of(RefusalCode.NOT_SUPPORTED_BY_DEVICE);

    private final Function<String, DeviceAbilities> abilities;
    private final CallTable table;

    CapabilityRules(Function<String, DeviceAbilities> abilities, CallTable table) {
        this.abilities = abilities;
        this.table = table;
    }

    Capabilities of(LiveParty party) {
        EnumSet<Action> allowed = EnumSet.noneOf(Action.class);
        for (Action action : Action.values()) {
            if (refusal(action, party).isEmpty()) {
                allowed.add(action);
            }
        }
        return new Capabilities(allowed);
    }

    /** Why {@code party} may not do {@code action} now, or empty if it may. */
    Optional<RefusalCode> refusal(Action action, LiveParty party) {
        ConnectionState state = party.state;
        LiveCall call = party.call;
        boolean external = party.endpoint.external();
        if (external && action != Action.HANGUP && action != Action.MUTE && action != Action.UNMUTE) {
            return NOT_SUPPORTED;
        }
        return switch (action) {
            case ANSWER -> state != ALERTING ? INVALID_STATE
                    : abilities.apply(party.endpoint.number()).remoteAnswer() ? ALLOWED : NOT_SUPPORTED;
            case HANGUP -> when(state.visible() && state != ConnectionState.FAILED);
            case HOLD, SEND_DTMF -> when(state == CONNECTED && call.hasPeer(party) && !call.conference);
            case CONFERENCE -> when(state == CONNECTED && call.hasPeer(party)
                    || state == HELD && party.heldByServer && consulting(party));
            case MUTE -> when(state == CONNECTED && call.hasPeer(party) && !party.muted);
            case UNMUTE -> when(party.muted && party.inConversation());
            case RETRIEVE -> when(state == HELD && party.heldByServer);
            case TRANSFER -> when(party.inConversation() && call.hasPeer(party) && !call.conference);
            case CONSULT -> when(party.inConversation() && call.hasPeer(party) && !busyElsewhere(party)
                    && !call.conference);
            case COMPLETE_TRANSFER -> when(heldCallOf(party).isPresent());
            case RECORD -> when(party.inConversation() && call.hasPeer(party) && call.recording == RecordingState.OFF);
        };
    }

    /**
     * For a party of an active (or still ringing) consultation call: its device's held call in
     * another conversation, which an attended transfer would join with this one.
     */
    Optional<LiveParty> heldCallOf(LiveParty active) {
        if (active.endpoint.external() || table.parties(active.endpoint.number()).count(HELD) == 0) {
            return Optional.empty();
        }
        return table.partiesOf(active.endpoint.number()).stream()
                .filter(held -> transferPair(held, active))
                .findFirst();
    }

    /** True if {@code held} and {@code active}, parties of one device in two calls, can be joined. */
    boolean transferPair(LiveParty held, LiveParty active) {
        return held.call != active.call
                && held.state == HELD && held.call.hasPeer(held)
                && (active.state == CONNECTED || active.state == INITIATED)
                && active.call.parties.stream().anyMatch(p -> p != active
                        && (p.state == ALERTING || p.inConversation()));
    }

    /** The party holds its call while it talks in a consultation of it (which a conference may merge). */
    private boolean consulting(LiveParty party) {
        return table.partiesOf(party.endpoint.number()).stream()
                .anyMatch(other -> other.call != party.call && other.call.consultationOf.filter(party.call.id::equals)
                        .isPresent() && other.inConversation());
    }

    private boolean busyElsewhere(LiveParty party) {
        if (party.endpoint.external()) {
            return false;
        }
        DeviceParties device = table.parties(party.endpoint.number());
        int busy = device.count(CONNECTED) + device.count(HELD) + device.count(INITIATED);
        int own = party.inConversation() || party.state == INITIATED ? 1 : 0;
        return busy > own && device.all().stream()
                .anyMatch(other -> other.call != party.call
                        && (other.inConversation() || other.state == INITIATED));
    }

    private static Optional<RefusalCode> when(boolean allowed) {
        return allowed ? ALLOWED : INVALID_STATE;
    }
}
