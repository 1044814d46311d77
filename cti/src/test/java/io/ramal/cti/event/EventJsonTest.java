package io.ramal.cti.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.Action;
import io.ramal.cti.CallSnapshot;
import io.ramal.cti.CallState;
import io.ramal.cti.Capabilities;
import io.ramal.cti.ConnectionState;
import io.ramal.cti.DeviceAbilities;
import io.ramal.cti.DeviceSnapshot;
import io.ramal.cti.Direction;
import io.ramal.cti.Endpoint;
import io.ramal.cti.JsonText;
import io.ramal.cti.PartySnapshot;
import io.ramal.cti.RecordingState;
import io.ramal.cti.ReleaseCause;
import io.ramal.cti.UnregisterReason;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JSON shape every event shares, built without a JSON library. */
class EventJsonTest {
    static final List<String> ENVELOPE = List.of("type", "tenant", "ts", "call_id", "device", "direction",
            "caller_number", "caller_name", "callee_number", "callee_name", "data", "call");
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:01Z");
    private static final Instant T1 = Instant.parse("2025-03-01T12:00:03.250Z");

    private final PartySnapshot bob = new PartySnapshot(Endpoint.device("1002"), Optional.of("Bob"), false,
            ConnectionState.ALERTING, T1, false, new Capabilities(Set.of(Action.ANSWER, Action.HANGUP)));
    private final PartySnapshot alice = new PartySnapshot(Endpoint.device("1001"), Optional.of("Alice"), true,
            ConnectionState.INITIATED, T0, false, new Capabilities(Set.of(Action.HANGUP)));
    private final CallSnapshot call = new CallSnapshot("c1", Direction.INTERNAL, CallState.ALERTING,
            Endpoint.device("1001"), Optional.of("Alice"), "1002", Optional.empty(), T0, Optional.empty(), false,
            RecordingState.OFF, Optional.empty(), Optional.empty(), 2, List.of(alice, bob));

    @Test
    void aCallEventHasTheEnvelopeThenItsDataThenTheCall() {
        Map<String, Object> json = new CallDelivered("acme", T1, bob, call).toJson();

        assertThat(json.keySet()).containsExactlyElementsOf(ENVELOPE);
        assertThat(json).containsEntry("type", "call.delivered").containsEntry("tenant", "acme")
                .containsEntry("ts", "2025-03-01T12:00:03.250Z").containsEntry("call_id", "c1")
                .containsEntry("device", "1002").containsEntry("direction", "internal")
                .containsEntry("caller_number", "1001").containsEntry("caller_name", "Alice")
                .containsEntry("callee_number", "1002").containsEntry("callee_name", null);
        assertThat(json).doesNotContainKeys("id", "seq");
        @SuppressWarnings("unchecked")
        Map<String, Object> party = (Map<String, Object>) ((Map<String, Object>) json.get("data")).get("party");
        assertThat(party).containsEntry("device", "1002").containsEntry("state", "alerting")
                .containsEntry("external", false).containsEntry("since", "2025-03-01T12:00:03.250Z")
                .containsEntry("muted", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> flags = (Map<String, Object>) party.get("capabilities");
        assertThat(flags.keySet()).containsExactly("can_answer", "can_hangup", "can_hold", "can_retrieve",
                "can_transfer", "can_consult", "can_complete_transfer", "can_conference", "can_send_dtmf",
                "can_record", "can_mute", "can_unmute");
        assertThat(flags).containsEntry("can_answer", true).containsEntry("can_hold", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> callJson = (Map<String, Object>) json.get("call");
        assertThat(callJson).containsEntry("version", 2L).containsEntry("state", "alerting")
                .containsEntry("answered_at", null).containsEntry("recording", "off");
        assertThat((List<?>) callJson.get("parties")).hasSize(2);
    }

    @Test
    void kindSpecificDataFollowsTheParty() {
        Map<String, Object> cleared = new ConnectionCleared("acme", T1, bob, call, ReleaseCause.NO_ANSWER).data();
        Map<String, Object> transferred = new CallTransferred("acme", T1, bob, call,
                Endpoint.external("+551130000000"), Optional.empty()).data();

        assertThat(cleared.keySet()).containsExactly("party", "cause");
        assertThat(cleared).containsEntry("cause", "no_answer");
        assertThat(transferred.keySet()).containsExactly("party", "kind", "transferred_to", "transferred_to_external",
                "consult_call_id");
        assertThat(transferred).containsEntry("kind", "blind").containsEntry("transferred_to_external", true);
    }

    @Test
    void aDeviceEventHasNullCallFieldsAndTheRegistrationAsData() {
        DeviceSnapshot device = new DeviceSnapshot("1001", 0, DeviceAbilities.FULL, T1);
        Map<String, Object> json = new DeviceUnregistered("acme", T1, device, UnregisterReason.EXPIRED).toJson();

        assertThat(json.keySet()).containsExactlyElementsOf(ENVELOPE);
        assertThat(json).containsEntry("type", "device.unregistered").containsEntry("device", "1001")
                .containsEntry("call_id", null).containsEntry("direction", null).containsEntry("call", null);
        assertThat(JsonText.compact(json.get("data"))).isEqualTo("{\"device\":\"1001\",\"registered\":false,"
                + "\"contacts\":0,\"abilities\":{\"remote_answer\":true,\"auto_answer\":true},"
                + "\"since\":\"2025-03-01T12:00:03.250Z\",\"reason\":\"expired\"}");
    }

    @Test
    void aRecordingEventHasTheCallButNoDevice() {
        Map<String, Object> json = new RecordingStarted("acme", T1, call, "rec-9").toJson();

        assertThat(json).containsEntry("type", "recording.started").containsEntry("device", null)
                .containsEntry("call_id", "c1").containsEntry("data", Map.of("recording_id", "rec-9"));
    }

    @Test
    void eventTypeNamesAreDottedUniqueAndFoundByName() {
        List<String> names = Arrays.stream(EventType.values()).map(EventType::wire).toList();

        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("[a-z]+\\.[a-z_]+"));
        assertThat(names).contains("call.originated", "call.delivered", "call.established", "call.held",
                "call.retrieved", "call.transferred", "call.conferenced", "call.diverted", "call.failed",
                "connection.cleared", "device.registered", "device.unregistered");
        for (EventType type : EventType.values()) {
            assertThat(EventType.fromWire(type.wire())).contains(type);
        }
        assertThat(EventType.fromWire("CALL.DELIVERED")).isEmpty();
    }
}
