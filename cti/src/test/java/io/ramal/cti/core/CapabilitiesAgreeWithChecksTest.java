package io.ramal.cti.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.Action;
import io.ramal.cti.CallSnapshot;
import io.ramal.cti.DeviceAbilities;
import io.ramal.cti.Direction;
import io.ramal.cti.Endpoint;
import io.ramal.cti.PartySnapshot;
import io.ramal.cti.ReleaseCause;
import io.ramal.cti.control.CallCommand;
import io.ramal.cti.fact.CallCreated;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * For every party of every call in a range of situations, each capability flag says exactly what
 * the command check says: a client that trusts the flags never meets a state refusal.
 */
class CapabilitiesAgreeWithChecksTest {
    private static final OptionalLong ANY = OptionalLong.empty();

    @Test
    void everyFlagMatchesTheCheckOfItsCommand() {
        List<Consumer<TelephonyScript>> situations = List.of(
                pbx -> pbx.dialInternal("c1", "1001", "1002"),
                pbx -> ring(pbx, "c1", "1001", "1002"),
                pbx -> ring(pbx, "c1", "1001", "1003"),
                pbx -> pbx.talking("c1", "1001", "1002"),
                pbx -> {
                    pbx.talking("c1", "1001", "1002");
                    pbx.hold("c1", "c1-a");
                },
                pbx -> {
                    pbx.talking("c1", "1001", "1002");
                    pbx.serverHold("c1", "c1-a");
                    pbx.mute("c1", "c1-b");
                },
                pbx -> {
                    pbx.talking("c1", "1001", "1002");
                    pbx.mute("c1", "c1-a");
                    pbx.hold("c1", "c1-a");
                },
                pbx -> {
                    pbx.talking("c1", "1001", "1002");
                    pbx.recorderStarted("c1", "r1");
                },
                pbx -> {
                    pbx.talking("c1", "1001", "1002");
                    pbx.release("c1", "c1-a", ReleaseCause.NORMAL);
                },
                pbx -> {
                    pbx.talking("c1", "1001", "1002");
                    pbx.hold("c1", "c1-b");
                    pbx.create(new CallCreated("acme", "c2", pbx.now(), "c2-a", Endpoint.device("1002"),
                            Optional.empty(), "1003", Optional.empty(), Direction.INTERNAL, Optional.of("c1")));
                    pbx.leg("c2", "c2-b", Endpoint.device("1003"));
                    pbx.alert("c2", "c2-b");
                },
                pbx -> {
                    pbx.talking("c1", "1001", "1002");
                    pbx.hold("c1", "c1-b");
                    pbx.talking("c2", "1002", "1003");
                },
                pbx -> {
                    pbx.create(new CallCreated("acme", "in", pbx.now(), "in-a", Endpoint.external("+5511900000000"),
                            Optional.empty(), "+551130000000", Optional.empty(), Direction.INBOUND, Optional.empty()));
                    pbx.leg("in", "in-b", Endpoint.device("1001"));
                    pbx.answer("in", "in-b");
                    pbx.mute("in", "in-a");
                });

        int compared = 0;
        for (Consumer<TelephonyScript> situation : situations) {
            TelephonyScript pbx = new TelephonyScript("acme");
            pbx.register("1001", 1, DeviceAbilities.FULL);
            pbx.register("1002", 1, DeviceAbilities.FULL);
            pbx.register("1003", 1, DeviceAbilities.NONE);
            situation.accept(pbx);
            for (CallSnapshot call : pbx.board.snapshot().calls()) {
                for (PartySnapshot party : call.parties()) {
                    for (Action action : Action.values()) {
                        Optional<CallCommand> command = commandFor(action, call, party, pbx);
                        if (command.isEmpty()) {
                            continue;
                        }
                        boolean allowed = pbx.board.check(command.get()).isEmpty();
                        assertThat(allowed)
                                .as("%s of %s (%s) in call %s: flag vs check of %s", action.flag(), party.device(),
                                        party.state().wire(), call.callId(), command.get())
                                .isEqualTo(party.capabilities().allows(action));
                        compared++;
                    }
                }
                boolean anyMayRecord = call.parties().stream().anyMatch(p -> p.capabilities().canRecord());
                assertThat(pbx.board.check(new CallCommand.StartRecording("acme", call.callId(), ANY)).isEmpty())
                        .as("start recording of %s", call.callId()).isEqualTo(anyMayRecord);
            }
        }
        assertThat(compared).isGreaterThan(150);
    }

    private static Optional<CallCommand> commandFor(Action action, CallSnapshot call, PartySnapshot party,
            TelephonyScript pbx) {
        String id = call.callId();
        String device = party.device();
        return Optional.ofNullable(switch (action) {
            case ANSWER -> new CallCommand.Answer("acme", id, device, ANY);
            case HANGUP -> new CallCommand.Hangup("acme", id, Optional.of(device), ANY);
            case HOLD -> new CallCommand.Hold("acme", id, device, ANY);
            case RETRIEVE -> new CallCommand.Retrieve("acme", id, device, ANY);
            case TRANSFER -> new CallCommand.BlindTransfer("acme", id, device, "1009", ANY);
            case CONSULT -> new CallCommand.Consult("acme", id, device, "1009", ANY);
            case COMPLETE_TRANSFER -> new CallCommand.CompleteTransfer("acme", heldCallOf(pbx, device, id), id,
                    device, ANY);
            case CONFERENCE -> new CallCommand.ConferenceAdd("acme", id, device, "1009", ANY);
            case SEND_DTMF -> new CallCommand.SendDtmf("acme", id, device, "1", ANY);
            case MUTE -> new CallCommand.Mute("acme", id, device, ANY);
            case UNMUTE -> new CallCommand.Unmute("acme", id, device, ANY);
            case RECORD -> null;
        });
    }

    /** The other call in which the device holds, or a call id that does not exist. */
    private static String heldCallOf(TelephonyScript pbx, String device, String besides) {
        List<String> held = new ArrayList<>();
        for (CallSnapshot other : pbx.board.snapshot().calls()) {
            other.party(device).filter(p -> p.state() == io.ramal.cti.ConnectionState.HELD)
                    .filter(p -> !other.callId().equals(besides))
                    .ifPresent(p -> held.add(other.callId()));
        }
        return held.isEmpty() ? "none" : held.getFirst();
    }

    private static void ring(TelephonyScript pbx, String callId, String from, String to) {
        pbx.dialInternal(callId, from, to);
        pbx.leg(callId, callId + "-b", Endpoint.device(to));
        pbx.alert(callId, callId + "-b");
    }
}
