package io.ramal.cti.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.Direction;
import io.ramal.cti.Endpoint;
import io.ramal.cti.QueueOffer;
import io.ramal.cti.ReleaseCause;
import io.ramal.cti.core.Outcome;
import io.ramal.cti.core.Switchboard;
import io.ramal.cti.fact.CallCreated;
import io.ramal.cti.fact.LegAlerted;
import io.ramal.cti.fact.LegAnswered;
import io.ramal.cti.fact.LegCreated;
import io.ramal.cti.fact.LegHeld;
import io.ramal.cti.fact.LegReleased;
import io.ramal.cti.fact.LegRetrieved;
import io.ramal.cti.fact.LegTransferred;
import io.ramal.cti.fact.TelephonyFact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which calls count as handled by an agent, from the CTI events a real switchboard emits. */
class HandledCallsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final Switchboard board = new Switchboard("acme");
    private final HandledCalls calls = new HandledCalls("acme");
    private final Map<String, AgentView> loggedIn = new HashMap<>();
    private final List<HandledCall> handled = new ArrayList<>();

    HandledCallsTest() {
        loggedIn.put("1002", agent("u-bob", "bob", "1002"));
        loggedIn.put("1003", agent("u-carol", "carol", "1003"));
    }

    @Test
    void aQueueCallAnsweredHeldAndHungUpIsHandledFromItsAnswerToItsEndWithItsQueue() {
        queueCallerWaits("q1", 0);
        apply(new LegCreated("acme", "q1", at(10), "q1-q1", Endpoint.device("1002"), Optional.empty(),
                Optional.of(new QueueOffer("sales", Duration.ofSeconds(10)))));
        apply(new LegAlerted("acme", "q1", at(10), "q1-q1"));
        apply(new LegAnswered("acme", "q1", at(14), "q1-q1"));
        apply(new LegHeld("acme", "q1", at(20), "q1-q1", io.ramal.cti.HoldOrigin.DEVICE));
        apply(new LegRetrieved("acme", "q1", at(30), "q1-q1"));
        apply(new LegReleased("acme", "q1", at(74), "q1-q1", ReleaseCause.NORMAL));

        assertThat(handled).singleElement().satisfies(call -> {
            assertThat(call.agentId()).isEqualTo("u-bob");
            assertThat(call.sessionId()).isEqualTo("s-bob");
            assertThat(call.queue()).contains("sales");
            assertThat(call.deliveredAt()).isEqualTo(at(10));
            assertThat(call.talk()).isEqualTo(Duration.ofSeconds(60));
        });
        assertThat(calls.open()).isZero();
    }

    @Test
    void aCallThatRangOutOrRangADeviceWithoutAnAgentIsNotHandled() {
        internalCall("c1", "1001", "1002", at(0));
        apply(new LegReleased("acme", "c1", at(5), "c1-b", ReleaseCause.NO_ANSWER));
        apply(new LegReleased("acme", "c1", at(5), "c1-a", ReleaseCause.NO_ANSWER));
        internalCall("c2", "1002", "1004", at(10));
        apply(new LegAnswered("acme", "c2", at(12), "c2-b"));
        apply(new LegReleased("acme", "c2", at(20), "c2-b", ReleaseCause.NORMAL));
        apply(new LegReleased("acme", "c2", at(20), "c2-a", ReleaseCause.NORMAL));

        assertThat(handled).as("1002 placed c2; 1004 has no agent").isEmpty();
        assertThat(calls.open()).isZero();
    }

    @Test
    void aBlindTransferEndsTheTransferringAgentsCallAndTheTargetAgentHandlesItFromItsOwnAnswer() {
        internalCall("c1", "1001", "1002", at(0));
        apply(new LegAnswered("acme", "c1", at(2), "c1-b"));
        apply(new LegTransferred("acme", "c1", at(32), "c1-b", Endpoint.device("1003"), Optional.empty()));
        apply(new LegCreated("acme", "c1", at(32), "c1-b2", Endpoint.device("1003"), Optional.empty()));
        apply(new LegAlerted("acme", "c1", at(32), "c1-b2"));
        apply(new LegAnswered("acme", "c1", at(35), "c1-b2"));
        apply(new LegReleased("acme", "c1", at(95), "c1-b2", ReleaseCause.NORMAL));

        assertThat(handled).extracting(c -> c.username() + ":" + c.talk().toSeconds())
                .containsExactly("bob:30", "carol:60");
    }

    private void queueCallerWaits(String callId, int second) {
        apply(new CallCreated("acme", callId, at(second), callId + "-a", Endpoint.external("+5511988887777"),
                Optional.empty(), "sales", Optional.empty(), Direction.INBOUND, Optional.empty()));
        apply(new LegAnswered("acme", callId, at(second), callId + "-a"));
    }

    private void internalCall(String callId, String from, String to, Instant at) {
        apply(new CallCreated("acme", callId, at, callId + "-a", Endpoint.device(from), Optional.empty(), to,
                Optional.empty(), Direction.INTERNAL, Optional.empty()));
        apply(new LegCreated("acme", callId, at, callId + "-b", Endpoint.device(to), Optional.empty()));
        apply(new LegAlerted("acme", callId, at, callId + "-b"));
    }

    private void apply(TelephonyFact fact) {
        Outcome outcome = board.on(fact);
        assertThat(outcome.anomaly()).isEmpty();
        handled.addAll(calls.on(outcome.events(), device -> Optional.ofNullable(loggedIn.get(device))));
    }

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }

    static AgentView agent(String id, String username, String device) {
        return new AgentView(id, username, IntervalState.AVAILABLE, Optional.of(new AgentView.Session("s-" + username,
                device, new Interval.Logon(LogonKind.EXTENSION, device), T0)), Optional.empty(), "i-" + username, T0,
                Optional.empty(), true);
    }
}
