package io.ramal.cti.core;

import static io.ramal.cti.core.TelephonyScript.trace;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.CampaignFields;
import io.ramal.cti.Direction;
import io.ramal.cti.Endpoint;
import io.ramal.cti.QueueOffer;
import io.ramal.cti.event.CallDelivered;
import io.ramal.cti.event.CtiEvent;
import io.ramal.cti.fact.CallCreated;
import io.ramal.cti.fact.CampaignAttached;
import io.ramal.cti.fact.LegCreated;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Campaign fields attached to a call, and a queue's offer ringing a device. */
class CallCampaignAndQueueOfferTest {
    private static final CampaignFields MARIA = new CampaignFields(Optional.of("C-77"), Optional.of("Maria Souza"),
            Optional.empty(), Optional.empty(), List.of(Optional.of("gold")));
    private final TelephonyScript pbx = new TelephonyScript("acme");

    @Test
    void attachingFieldsChangesTheCallOnceAndTakingThemOffChangesItAgain() {
        pbx.dialInternal("c1", "1001", "1002");
        long version = pbx.board.call("c1").orElseThrow().version();

        List<CtiEvent> attached = attach("c1", MARIA);
        List<CtiEvent> again = attach("c1", MARIA);
        List<CtiEvent> takenOff = attach("c1", CampaignFields.NONE);

        assertThat(trace(attached)).containsExactly("call.campaign_changed@-");
        assertThat(attached.getFirst().data()).containsEntry("campaign", MARIA.toJson().orElseThrow());
        assertThat(attached.getFirst().callId()).contains("c1");
        assertThat(again).as("the same fields change nothing").isEmpty();
        assertThat(takenOff.getFirst().data()).containsEntry("campaign", null);
        assertThat(pbx.board.call("c1").orElseThrow().version()).isEqualTo(version + 2);
        assertThat(attach("nosuch", MARIA)).isEmpty();
        assertThat(pbx.anomalies).extracting(Anomaly::kind).containsExactly(Anomaly.Kind.UNKNOWN_CALL);
    }

    @Test
    void aQueuesOfferRingsWithTheQueueAndTheWaitAndTheCallKeepsTheQueueAndItsFields() {
        pbx.create(new CallCreated("acme", "q1", pbx.now(), "q1-a", Endpoint.external("+5511988887777"),
                Optional.empty(), "sales", Optional.empty(), Direction.INBOUND, Optional.empty()));
        pbx.answer("q1", "q1-a");
        attach("q1", MARIA);
        pbx.apply(new LegCreated("acme", "q1", pbx.now(), "q1-q2", Endpoint.device("1002"), Optional.empty(),
                Optional.of(new QueueOffer("sales", Duration.ofMillis(12_900)))));
        CallDelivered delivered = (CallDelivered) pbx.alert("q1", "q1-q2").getFirst();
        pbx.answer("q1", "q1-q2");

        assertThat(delivered.data()).containsEntry("queue", Map.of("name", "sales", "wait_s", 12L));
        assertThat(delivered.call().queue()).contains("sales");
        assertThat(delivered.call().toJson()).containsEntry("campaign", MARIA.toJson().orElseThrow());
        assertThat(pbx.board.call("q1").orElseThrow().queue()).contains("sales");
        pbx.leg("q1", "q1-b3", Endpoint.device("1003"));
        CallDelivered transferTarget = (CallDelivered) pbx.alert("q1", "q1-b3").getFirst();
        assertThat(transferTarget.queue()).as("no queue offered this ringing").isEmpty();
        assertThat(transferTarget.call().queue()).as("the call came through sales").contains("sales");
    }

    private List<CtiEvent> attach(String callId, CampaignFields campaign) {
        return pbx.apply(new CampaignAttached("acme", callId, pbx.now(), campaign));
    }
}
