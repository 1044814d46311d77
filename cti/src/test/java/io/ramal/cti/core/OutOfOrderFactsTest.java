package io.ramal.cti.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.DeviceAbilities;
import io.ramal.cti.Direction;
import io.ramal.cti.Endpoint;
import io.ramal.cti.ReleaseCause;
import io.ramal.cti.TenantSnapshot;
import io.ramal.cti.fact.LegAnswered;
import io.ramal.cti.fact.LegReleased;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Facts the core cannot place change nothing, emit nothing and throw nothing. */
class OutOfOrderFactsTest {
    private TelephonyScript pbx;

    @BeforeEach
    void phones() {
        pbx = new TelephonyScript("acme");
        pbx.register("1001", 1, DeviceAbilities.FULL);
        pbx.register("1002", 1, DeviceAbilities.FULL);
        pbx.events.clear();
    }

    @Test
    void releaseOfAnUnknownCallIsAnAnomalyWithoutEvents() {
        Outcome outcome = pbx.board.on(new LegReleased("acme", "ghost", pbx.now(), "ghost-a", ReleaseCause.NORMAL));

        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.anomaly()).map(Anomaly::kind).contains(Anomaly.Kind.UNKNOWN_CALL);
    }

    @Test
    void answerAfterTheCallEndedIsALateFactAndChangesNothing() {
        pbx.talking("c1", "1001", "1002");
        pbx.release("c1", "c1-a", ReleaseCause.NORMAL);
        pbx.release("c1", "c1-b", ReleaseCause.NORMAL);
        TenantSnapshot before = pbx.board.snapshot();

        Outcome outcome = pbx.board.on(new LegAnswered("acme", "c1", pbx.now(), "c1-b"));

        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.anomaly()).map(Anomaly::kind).contains(Anomaly.Kind.ENDED_CALL);
        assertThat(pbx.board.snapshot()).isEqualTo(before);
    }

    @Test
    void aSecondReleaseOfTheSameLegIsAbsorbedQuietly() {
        pbx.talking("c1", "1001", "1002");
        pbx.release("c1", "c1-b", ReleaseCause.NORMAL);

        assertThat(pbx.release("c1", "c1-b", ReleaseCause.NORMAL)).isEmpty();
        assertThat(pbx.anomalies).isEmpty();
        assertThat(pbx.board.call("c1")).isPresent();
    }

    @Test
    void answerOfALegThatAlreadyLeftIsIgnored() {
        pbx.dialInternal("c1", "1001", "1002");
        pbx.leg("c1", "c1-b", Endpoint.device("1002"));
        pbx.alert("c1", "c1-b");
        pbx.release("c1", "c1-b", ReleaseCause.NO_ANSWER);

        assertThat(pbx.answer("c1", "c1-b")).isEmpty();
        assertThat(pbx.anomalies).extracting(Anomaly::kind).containsExactly(Anomaly.Kind.INVALID_TRANSITION);
    }

    @Test
    void factsThatDoNotFitTheStateAreIgnoredWithAnAnomalyEach() {
        pbx.dialInternal("c1", "1001", "1002");
        pbx.leg("c1", "c1-b", Endpoint.device("1002"));
        pbx.alert("c1", "c1-b");
        long version = pbx.board.call("c1").orElseThrow().version();

        List<List<?>> outcomes = List.of(
                pbx.hold("c1", "c1-b"),
                pbx.retrieve("c1", "c1-b"),
                pbx.answer("c1", "c1-b"),
                pbx.answer("c1", "c1-b"),
                pbx.alert("c1", "c1-b"),
                pbx.answer("c1", "c1-zz"),
                pbx.leg("c1", "c1-b", Endpoint.device("1002")),
                pbx.dialInternal("c1", "1001", "1002"));

        assertThat(outcomes).extracting(List::size).containsExactly(0, 0, 1, 0, 0, 0, 0, 0);
        assertThat(pbx.anomalies).extracting(Anomaly::kind).containsExactly(
                Anomaly.Kind.INVALID_TRANSITION, Anomaly.Kind.INVALID_TRANSITION, Anomaly.Kind.INVALID_TRANSITION,
                Anomaly.Kind.INVALID_TRANSITION, Anomaly.Kind.UNKNOWN_LEG, Anomaly.Kind.DUPLICATE_LEG,
                Anomaly.Kind.DUPLICATE_CALL);
        assertThat(pbx.board.call("c1").orElseThrow().version()).isEqualTo(version + 1);
    }

    @Test
    void factsAboutACallBeforeItWasCreatedAreUnknown() {
        pbx.leg("later", "later-b", Endpoint.device("1002"));
        pbx.alert("later", "later-b");
        pbx.dial("later", "1001", "1002", Direction.INTERNAL);

        assertThat(pbx.anomalies).extracting(Anomaly::kind)
                .containsExactly(Anomaly.Kind.UNKNOWN_CALL, Anomaly.Kind.UNKNOWN_CALL);
        assertThat(TelephonyScript.trace(pbx.events)).containsExactly("call.originated@1001");
    }

    @Test
    void transferIntoAnUnknownConsultationCallChangesNothing() {
        pbx.talking("c1", "1001", "1002");
        long version = pbx.board.call("c1").orElseThrow().version();

        assertThat(pbx.transfer("c1", "c1-b", Endpoint.device("1003"), java.util.Optional.of("nope"))).isEmpty();
        assertThat(pbx.anomalies).extracting(Anomaly::kind).containsExactly(Anomaly.Kind.UNKNOWN_CALL);
        assertThat(pbx.board.call("c1").orElseThrow().parties()).hasSize(2);
        assertThat(pbx.board.call("c1").orElseThrow().version()).isEqualTo(version);
    }

    @Test
    void endedCallsAreRememberedOnlyUpToTheConfiguredNumber() {
        TelephonyScript small = new TelephonyScript(new Switchboard("acme", 1));
        for (String id : List.of("c1", "c2")) {
            small.dialInternal(id, "1001", "1002");
            small.release(id, id + "-a", ReleaseCause.CANCELLED);
        }

        small.answer("c1", "c1-a");
        small.answer("c2", "c2-a");

        assertThat(small.anomalies).extracting(Anomaly::kind)
                .containsExactly(Anomaly.Kind.UNKNOWN_CALL, Anomaly.Kind.ENDED_CALL);
    }
}
