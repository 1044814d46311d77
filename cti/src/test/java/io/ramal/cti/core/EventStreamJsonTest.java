package io.ramal.cti.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.CampaignFields;
import io.ramal.cti.DeviceAbilities;
import io.ramal.cti.Direction;
import io.ramal.cti.DiversionReason;
import io.ramal.cti.Endpoint;
import io.ramal.cti.JsonText;
import io.ramal.cti.QueueOffer;
import io.ramal.cti.ReleaseCause;
import io.ramal.cti.UnregisterReason;
import io.ramal.cti.event.CtiEvent;
import io.ramal.cti.event.EventType;
import io.ramal.cti.fact.CallCreated;
import io.ramal.cti.fact.CampaignAttached;
import io.ramal.cti.fact.LegCreated;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A day in the life of a tenant producing every event type; every event and the snapshot must
 * write as strict JSON. The first event of each type is written to
 * {@code target/event-examples.json} as the source of the examples in {@code docs/events.md}.
 */
class EventStreamJsonTest {
    private static final List<String> ENVELOPE = List.of("type", "tenant", "ts", "call_id", "device", "direction",
            "caller_number", "caller_name", "callee_number", "callee_name", "data", "call");

    @Test
    void everyEventTypeWritesAsStrictJsonWithTheSameEnvelope() throws IOException {
        TelephonyScript pbx = dayInTheLife();

        EnumSet<EventType> seen = EnumSet.noneOf(EventType.class);
        Map<String, Object> examples = new LinkedHashMap<>();
        for (CtiEvent event : java.util.stream.Stream.concat(pbx.events.stream(), pbx.deviceStates.stream()).toList()) {
            Map<String, Object> json = event.toJson();
            assertThat(json.keySet()).containsExactlyElementsOf(ENVELOPE);
            assertThat(JsonText.write(json)).startsWith("{");
            if (seen.add(event.type())) {
                examples.put(event.type().wire(), json);
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(EventType.values());
        assertThat(pbx.anomalies).isEmpty();
        examples.put("snapshot", pbx.board.snapshot().toJson());
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "event-examples.json"), JsonText.write(examples));
    }

    @Test
    void theSnapshotWritesDevicesAndLiveCallsWithCapabilitiesAndVersions() {
        TelephonyScript pbx = dayInTheLife();

        String json = JsonText.compact(pbx.board.snapshot().toJson());

        assertThat(json).startsWith("{\"tenant\":\"acme\",\"devices\":[{\"device\":\"1001\"");
        assertThat(json).contains("\"calls\":[{\"call_id\":\"in1\"", "\"version\":", "\"can_hold\":true");
    }

    /** Registrations, an inbound call with hold, DTMF and recording, a diverted and a failed call. */
    private static TelephonyScript dayInTheLife() {
        TelephonyScript pbx = new TelephonyScript("acme");
        pbx.register("1001", 1, DeviceAbilities.FULL);
        pbx.register("1002", 2, DeviceAbilities.NONE);
        pbx.register("1003", 1, DeviceAbilities.FULL);
        pbx.register("1004", 1, DeviceAbilities.NONE);
        pbx.unregister("1004", 0, UnregisterReason.EXPIRED);

        pbx.create(new CallCreated("acme", "in1", pbx.now(), "in1-a", Endpoint.external("+5511988887777"),
                Optional.of("ACME Customer"), "+551130001000", Optional.of("Sales"), Direction.INBOUND,
                Optional.empty()));
        pbx.leg("in1", "in1-b", Endpoint.device("1001"));
        pbx.alert("in1", "in1-b");
        pbx.answer("in1", "in1-b");
        pbx.digit("in1", "in1-a", '5');
        pbx.recorderStarted("in1", "rec-1");
        pbx.recorderPaused("in1", "rec-1");
        pbx.recorderResumed("in1", "rec-1");
        pbx.serverHold("in1", "in1-b");
        pbx.retrieve("in1", "in1-b");
        pbx.mute("in1", "in1-b");
        pbx.unmute("in1", "in1-b");

        pbx.dialInternal("c2", "1002", "1003");
        pbx.leg("c2", "c2-b", Endpoint.device("1003"));
        pbx.alert("c2", "c2-b");
        pbx.redirect("c2", Endpoint.device("1003"), Endpoint.device("1001"), DiversionReason.FORWARDED);
        pbx.leg("c2", "c2-c", Endpoint.device("1001"));
        pbx.release("c2", "c2-c", ReleaseCause.BUSY);
        pbx.release("c2", "c2-a", ReleaseCause.BUSY);

        pbx.talking("c3", "1002", "1003");
        pbx.conference("c3", "c3-a", Optional.empty());
        pbx.transfer("c3", "c3-b", Endpoint.device("1004"), Optional.empty());
        pbx.recorderStopped("in1", "rec-1");

        // a dialer's customer waits in queue sales (answered by Ramal), then the queue rings 1002
        pbx.create(new CallCreated("acme", "q1", pbx.now(), "q1-a", Endpoint.external("+5511977776666"),
                Optional.empty(), "sales", Optional.empty(), Direction.INBOUND, Optional.empty()));
        pbx.answer("q1", "q1-a");
        pbx.apply(new CampaignAttached("acme", "q1", pbx.now(), new CampaignFields(Optional.of("C-77"),
                Optional.of("Maria Souza"), Optional.of("Black Friday"), Optional.of("+5511977776666"),
                List.of(Optional.of("gold")))));
        pbx.apply(new LegCreated("acme", "q1", pbx.now(), "q1-q2", Endpoint.device("1002"), Optional.of("Bob"),
                Optional.of(new QueueOffer("sales", Duration.ofSeconds(12)))));
        pbx.alert("q1", "q1-q2");
        return pbx;
    }
}
