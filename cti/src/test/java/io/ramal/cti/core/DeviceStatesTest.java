package io.ramal.cti.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.DeviceAbilities;
import io.ramal.cti.DeviceState;
import io.ramal.cti.DeviceStateSnapshot;
import io.ramal.cti.Endpoint;
import io.ramal.cti.ReleaseCause;
import io.ramal.cti.UnregisterReason;
import io.ramal.cti.event.CtiEvent;
import io.ramal.cti.event.DeviceStateChanged;
import io.ramal.cti.fact.SupervisorConnected;
import io.ramal.cti.fact.SupervisorReleased;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What each extension is doing, as a supervisor's board follows it: one event per real change. */
class DeviceStatesTest {
    private final TelephonyScript pbx = new TelephonyScript("acme");

    @BeforeEach
    void phones() {
        pbx.register("1001", 1, DeviceAbilities.FULL);
        pbx.register("1002", 1, DeviceAbilities.FULL);
        pbx.register("1003", 1, DeviceAbilities.FULL);
    }

    @Test
    void aRegistrationTakesADeviceFromOfflineToIdleAndARefreshSaysNothing() {
        pbx.register("1001", 1, DeviceAbilities.FULL);
        pbx.register("1001", 2, DeviceAbilities.FULL);

        assertThat(changes()).containsExactly("1001:offline>idle", "1002:offline>idle", "1003:offline>idle");
        DeviceStateChanged first = (DeviceStateChanged) pbx.deviceStates.getFirst();
        assertThat(first.data()).containsExactly(java.util.Map.entry("device", "1001"),
                java.util.Map.entry("state", "idle"), java.util.Map.entry("since", "2025-03-01T12:00:01Z"),
                java.util.Map.entry("previous", "offline"));
    }

    @Test
    void anAnsweredCallRingsTalksAndEndsOnBothSides() {
        pbx.deviceStates.clear();
        pbx.talking("c1", "1001", "1002");
        pbx.hold("c1", "c1-b");
        pbx.retrieve("c1", "c1-b");
        pbx.release("c1", "c1-b", ReleaseCause.NORMAL);
        pbx.release("c1", "c1-a", ReleaseCause.NORMAL);

        assertThat(changes()).containsExactly("1001:idle>in_call", "1002:idle>ringing", "1002:ringing>in_call",
                "1002:in_call>on_hold", "1002:on_hold>in_call", "1002:in_call>idle", "1001:in_call>idle");
        assertThat(pbx.deviceStates).allSatisfy(e -> assertThat(e.callId()).as("device events name no call").isEmpty());
        assertThat(pbx.board.deviceStates().state("1002")).hasValue(
                new DeviceStateSnapshot("1002", DeviceState.IDLE, pbx.now().minusSeconds(1)));
    }

    @Test
    void aPhoneSupervisingACallIsInCallUntilTheSupervisionEndsThoughItIsNoPartyOfTheCall() {
        pbx.talking("c1", "1001", "1002");
        pbx.deviceStates.clear();
        pbx.apply(new SupervisorConnected("acme", "1003", "c1", pbx.now().plusSeconds(1)));
        assertThat(pbx.board.call("c1").orElseThrow().parties()).extracting(p -> p.device())
                .as("the supervisor is no party").doesNotContain("1003");
        pbx.apply(new SupervisorConnected("acme", "1003", "c2", pbx.now().plusSeconds(2)));
        pbx.apply(new SupervisorReleased("acme", "1003", "c2", pbx.now().plusSeconds(3)));
        pbx.apply(new SupervisorReleased("acme", "1003", "c1", pbx.now().plusSeconds(4)));
        pbx.apply(new SupervisorReleased("acme", "1003", "c1", pbx.now().plusSeconds(5)));

        assertThat(changes()).as("one change each way, however many calls it supervised")
                .containsExactly("1003:idle>in_call", "1003:in_call>idle");
        assertThat(pbx.anomalies).as("a release of a supervision never connected").singleElement()
                .satisfies(a -> assertThat(a.kind()).isEqualTo(Anomaly.Kind.UNKNOWN_DEVICE));
    }

    @Test
    void aSecondCallWhileTalkingChangesNothingButRingingOverAHeldCallDoes() {
        pbx.talking("c1", "1001", "1002");
        pbx.deviceStates.clear();

        pbx.dialInternal("c2", "1003", "1002");
        pbx.leg("c2", "c2-b", Endpoint.device("1002"));
        pbx.alert("c2", "c2-b");
        List<String> whileTalking = changes();
        pbx.hold("c1", "c1-b");

        assertThat(whileTalking).as("the call waiting at 1002 leaves it in_call").containsExactly("1003:idle>in_call");
        assertThat(changes()).endsWith("1002:in_call>ringing");
    }

    @Test
    void aDeviceThatUnregistersGoesOfflineUnlessItIsStillInACall() {
        pbx.talking("c1", "1001", "1002");
        pbx.deviceStates.clear();

        pbx.unregister("1002", 0, UnregisterReason.EXPIRED);
        pbx.unregister("1003", 0, UnregisterReason.EXPIRED);
        pbx.release("c1", "c1-b", ReleaseCause.NORMAL);
        pbx.release("c1", "c1-a", ReleaseCause.NORMAL);

        assertThat(changes()).containsExactly("1003:idle>offline", "1002:in_call>offline", "1001:in_call>idle");
        assertThat(pbx.board.deviceStates().all()).extracting(s -> s.device() + ":" + s.state().wire())
                .containsExactly("1001:idle", "1002:offline", "1003:offline");
    }

    @Test
    void externalNumbersAndAttemptsThatNeverRangHaveNoState() {
        pbx.deviceStates.clear();
        pbx.dial("o1", "1001", "+5511988887777", io.ramal.cti.Direction.OUTBOUND);
        pbx.leg("o1", "o1-b", Endpoint.external("+5511988887777"));
        pbx.leg("o1", "o1-c", Endpoint.device("1003"));
        pbx.release("o1", "o1-c", ReleaseCause.CANCELLED);

        assertThat(changes()).containsExactly("1001:idle>in_call");
        assertThat(pbx.board.deviceStates().state("+5511988887777")).isEmpty();
    }

    @Test
    void thePartiesStateTableGivesTheBusiestState() {
        assertThat(DeviceState.of(List.of(), false)).isEqualTo(DeviceState.OFFLINE);
        assertThat(DeviceState.of(List.of(), true)).isEqualTo(DeviceState.IDLE);
        assertThat(DeviceState.of(List.of(io.ramal.cti.ConnectionState.HELD, io.ramal.cti.ConnectionState.ALERTING),
                true)).isEqualTo(DeviceState.RINGING);
        assertThat(DeviceState.of(List.of(io.ramal.cti.ConnectionState.HELD, io.ramal.cti.ConnectionState.INITIATED),
                false)).isEqualTo(DeviceState.IN_CALL);
        assertThat(DeviceState.of(List.of(io.ramal.cti.ConnectionState.HELD), true)).isEqualTo(DeviceState.ON_HOLD);
    }

    /** "device:previous>state" for each state change so far. */
    private List<String> changes() {
        return pbx.deviceStates.stream().map(DeviceStatesTest::change).toList();
    }

    private static String change(CtiEvent event) {
        DeviceStateChanged c = (DeviceStateChanged) event;
        return c.state().device() + ":" + c.previous().wire() + ">" + c.state().state().wire();
    }

}
