package io.ramal.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventSelectorTest {

    private static CallView call(String type, String device, String direction, String caller, String callee) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("call_id", "c1");
        fields.put("device", device);
        fields.put("direction", direction);
        fields.put("caller", caller);
        fields.put("callee", callee);
        return CallView.of(new WebhookEvent("t", 1, "e", Instant.EPOCH, type, fields).envelope());
    }

    private static EventSelector selector(String json) {
        return EventSelector.fromJson(WebhookJson.readObject(json));
    }

    @Test
    void meetipTriggersMapOntoDeliveredEstablishedAndCleared() {
        EventSelector ringingIn = selector("{\"trigger\":\"ringing\",\"direction\":\"inbound\"}");
        EventSelector offHookOut = selector("{\"trigger\":\"off_hook\",\"direction\":\"outbound\"}");
        EventSelector hungUp = selector("{\"trigger\":\"hung-up\"}");

        assertThat(ringingIn.matches("call.delivered", call("call.delivered", "1001", "inbound", "+3491", "1001"))).isTrue();
        assertThat(ringingIn.matches("call.delivered", call("call.delivered", "1001", "outbound", "1001", "+3491"))).isFalse();
        assertThat(ringingIn.matches("call.established", call("call.established", "1001", "inbound", "+3491", "1001"))).isFalse();
        assertThat(offHookOut.matches("call.established", call("call.established", "1001", "outbound", "1001", "+3491"))).isTrue();
        assertThat(hungUp.matches("connection.cleared", call("connection.cleared", "1001", "outbound", "1001", "+3491"))).isTrue();
        assertThat(hungUp.matches("call.failed", call("call.failed", "1001", "outbound", "1001", "+3491"))).isFalse();
    }

    @Test
    void anInternalCallIsInboundForTheCalleeAndOutboundForTheCaller() {
        EventSelector ringingIn = selector("{\"trigger\":\"ringing\",\"direction\":\"inbound\"}");
        EventSelector ringingOut = selector("{\"trigger\":\"ringing\",\"direction\":\"outbound\"}");
        CallView atCallee = call("call.delivered", "1002", "internal", "1001", "1002");
        CallView atCaller = call("call.delivered", "1001", "internal", "1001", "1002");

        assertThat(ringingIn.matches("call.delivered", atCallee)).isTrue();
        assertThat(ringingOut.matches("call.delivered", atCallee)).isFalse();
        assertThat(ringingOut.matches("call.delivered", atCaller)).isTrue();
        assertThat(MeetipVariable.CALLER_ID.valueFor(atCallee)).isEqualTo("1001");
        assertThat(MeetipVariable.CALLER_ID.valueFor(atCaller)).isEqualTo("1002");
        assertThat(MeetipVariable.SENTIDO.valueFor(atCaller)).isEqualTo("saliente");
    }

    @Test
    void triggersFireForExtensionsNotForTheExternalParty() {
        Map<String, Object> carrierHangsUp = new LinkedHashMap<>();
        carrierHangsUp.put("call_id", "in1");
        carrierHangsUp.put("device", "+5511988887777");
        carrierHangsUp.put("direction", "inbound");
        carrierHangsUp.put("caller_number", "+5511988887777");
        carrierHangsUp.put("callee_number", "4000");
        carrierHangsUp.put("data", Map.of("party", Map.of("device", "+5511988887777", "external", true)));
        Map<String, Object> extensionHangsUp = new LinkedHashMap<>(carrierHangsUp);
        extensionHangsUp.put("device", "1001");
        extensionHangsUp.put("data", Map.of("party", Map.of("device", "1001", "external", false)));
        CallView carrier = CallView.of(
                new WebhookEvent("t", 7, "e7", Instant.EPOCH, "connection.cleared", carrierHangsUp).envelope());
        CallView extension = CallView.of(
                new WebhookEvent("t", 8, "e8", Instant.EPOCH, "connection.cleared", extensionHangsUp).envelope());

        EventSelector hungUpInbound = selector("{\"trigger\":\"hung_up\",\"direction\":\"inbound\"}");
        assertThat(hungUpInbound.matches("connection.cleared", extension)).isTrue();
        assertThat(hungUpInbound.matches("connection.cleared", carrier)).as("the carrier is no extension").isFalse();
        assertThat(selector("{\"trigger\":\"hung_up\"}").matches("connection.cleared", carrier)).isFalse();
        assertThat(selector("{\"type\":\"connection.cleared\",\"direction\":\"inbound\"}")
                .matches("connection.cleared", carrier)).as("a native selector still gets it").isTrue();
    }

    @Test
    void nativeSelectorsFilterByTypeFamilyDeviceAndDirection() {
        CallView internal = call("call.held", "1001", "internal", "1001", "1002");

        assertThat(selector("{\"type\":\"*\"}").matches("call.held", internal)).isTrue();
        assertThat(selector("{\"type\":\"call.*\"}").matches("call.held", internal)).isTrue();
        assertThat(selector("{\"type\":\"call.*\"}").matches("connection.cleared", internal)).isFalse();
        assertThat(selector("{\"type\":\"call.held\",\"device\":\"1001\"}").matches("call.held", internal)).isTrue();
        assertThat(selector("{\"type\":\"call.held\",\"device\":1002}").matches("call.held", internal)).isFalse();
        assertThat(selector("{\"type\":\"call.held\",\"direction\":\"internal\"}").matches("call.held", internal)).isTrue();
        assertThat(selector("{\"type\":\"call.held\",\"direction\":\"inbound\"}").matches("call.held", internal)).isFalse();
    }

    @Test
    void roundTripsThroughJson() {
        EventSelector original = selector("{\"trigger\":\"hung_up\",\"device\":\"1001\",\"direction\":\"inbound\"}");

        assertThat(EventSelector.fromJson(original.toJson())).isEqualTo(original);
        assertThat(original.toJson()).containsEntry("trigger", "hung_up");
    }

    @Test
    void refusesSelectorsThatCannotMatchAnythingSensible() {
        assertThatThrownBy(() -> selector("{}")).hasMessageContaining("either a type or a trigger");
        assertThatThrownBy(() -> selector("{\"type\":\"call.delivered\",\"trigger\":\"ringing\"}"))
                .hasMessageContaining("either a type or a trigger");
        assertThatThrownBy(() -> selector("{\"trigger\":\"dialling\"}")).hasMessageContaining("ringing, off_hook or hung_up");
        assertThatThrownBy(() -> selector("{\"trigger\":\"ringing\",\"direction\":\"internal\"}"))
                .hasMessageContaining("inbound or outbound");
        assertThatThrownBy(() -> selector("{\"type\":\"Call Delivered\"}")).hasMessageContaining("not an event type");
        assertThatThrownBy(() -> selector("{\"type\":\"call.delivered\",\"sentido\":\"x\"}"))
                .hasMessageContaining("unknown event selector field");
    }

    @Test
    void meetipStateFollowsTheCallFromRingingToHungUp() {
        assertThat(MeetipVariable.ESTADO.valueFor(call("call.delivered", "1", "inbound", "a", "1"))).isEqualTo("timbre");
        assertThat(MeetipVariable.ESTADO.valueFor(call("call.established", "1", "inbound", "a", "1"))).isEqualTo("descolgado");
        assertThat(MeetipVariable.ESTADO.valueFor(call("connection.cleared", "1", "inbound", "a", "1"))).isEqualTo("colgado");
        assertThat(MeetipVariable.DURACION.valueFor(call("call.delivered", "1", "inbound", "a", "1"))).isEqualTo("0");
    }
}
