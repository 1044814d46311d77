package io.ramal.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookTemplateTest {

    private static final Instant TS = Instant.parse("2026-11-21T10:00:00Z");

    /** An inbound call from +34 911 234 567 through queue "Ventas & Soporte" that extension 1001 answered, hung up after 65 s. */
    static Map<String, Object> hungUpInbound() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("call_id", "c-77");
        fields.put("device", "1001");
        fields.put("direction", "inbound");
        fields.put("caller", Map.of("number", "+34 911 234 567", "name", "Ana \"la\" García"));
        fields.put("callee", Map.of("number", "1001"));
        fields.put("queue", "Ventas & Soporte");
        fields.put("duration", 65);
        return new WebhookEvent("acme", 9, "ev-9", TS, "connection.cleared", fields).envelope();
    }

    @Test
    void fillsTheMeetipVariablesOfAnAnsweredInboundCallUrlEncoded() {
        WebhookTemplate template = WebhookTemplate.parse("http://crm.example/DbFind.aspx?pi=%CALLER_ID%"
                + "&tiempo=%DURACION%&estado=%ESTADO%&sentido=%SENTIDO%&cola=%QUEUE_NAME%&id=%ID%&ext=%EXTENSION%");

        assertThat(template.render(hungUpInbound(), Escaping.URL)).isEqualTo("http://crm.example/DbFind.aspx"
                + "?pi=%2B34%20911%20234%20567&tiempo=65&estado=colgado&sentido=entrante&cola=Ventas%20%26%20Soporte"
                + "&id=c-77&ext=1001");
    }

    @Test
    void theQueueNameOfACtiEventIsTheQueueOfItsOfferOrOfItsCall() {
        WebhookTemplate template = WebhookTemplate.parse("http://crm.example/q?cola=%QUEUE_NAME%");
        Map<String, Object> ringing = new LinkedHashMap<>();
        ringing.put("device", "1001");
        ringing.put("data", Map.of("queue", Map.of("name", "sales", "wait_s", 12)));
        Map<String, Object> hungUp = new LinkedHashMap<>();
        hungUp.put("device", "1001");
        hungUp.put("data", Map.of("cause", "normal"));
        hungUp.put("call", Map.of("queue", "support"));

        assertThat(template.render(new WebhookEvent("acme", 1, "ev-1", TS, "call.delivered", ringing).envelope(),
                Escaping.URL)).isEqualTo("http://crm.example/q?cola=sales");
        assertThat(template.render(new WebhookEvent("acme", 2, "ev-2", TS, "connection.cleared", hungUp).envelope(),
                Escaping.URL)).isEqualTo("http://crm.example/q?cola=support");
    }

    @Test
    void aScreenPopsCallerIdIsItsCallerEvenWhenTheRingingExtensionIsNotTheNumberDialled() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("call_id", "c-78");
        fields.put("device", "1002");
        fields.put("direction", "internal");
        fields.put("caller_number", "1001");
        fields.put("callee_number", "600"); // a group number that rang 1002
        Map<String, Object> pop = new WebhookEvent("acme", 10, "ev-10", TS, "screen_pop", fields).envelope();

        assertThat(WebhookTemplate.parse("pi=%CALLER_ID%&ext=%EXTENSION%&s=%SENTIDO%&e=%ESTADO%").render(pop,
                Escaping.URL)).isEqualTo("pi=1001&ext=1002&s=entrante&e=timbre");
    }

    @Test
    void acceptsTheStarredSpellingOfMeetipsManualAndEnglishAliases() {
        WebhookTemplate template = WebhookTemplate.parse("pi=%*CALLER_ID*%&t=%*DURACION*%&s=%STATUS%&d=%DIRECTION%");

        assertThat(template.render(hungUpInbound(), Escaping.FORM))
                .isEqualTo("pi=%2B34+911+234+567&t=65&s=colgado&d=entrante");
    }

    @Test
    void leavesPercentWordsThatAreNoVariableAlone() {
        WebhookTemplate template = WebhookTemplate.parse("http://x.example/a%20b?q=%NOPE%&id=%ID%");

        assertThat(template.render(hungUpInbound(), Escaping.URL)).isEqualTo("http://x.example/a%20b?q=%NOPE%&id=c-77");
    }

    @Test
    void fillsNativeFieldsIncludingNestedOnesAndTheEnvelopeJsonEscaped() {
        WebhookTemplate template = WebhookTemplate.parse(
                "{\"seq\":{{seq}},\"type\":\"{{ type }}\",\"name\":\"{{caller.name}}\",\"missing\":\"{{nope.deeper}}\","
                        + "\"caller\":\"%CALLER_ID%\"}");

        String body = template.render(hungUpInbound(), Escaping.JSON);

        assertThat(body).isEqualTo("{\"seq\":9,\"type\":\"connection.cleared\",\"name\":\"Ana \\\"la\\\" García\","
                + "\"missing\":\"\",\"caller\":\"+34 911 234 567\"}");
        assertThat(WebhookJson.readObject(body)).containsEntry("name", "Ana \"la\" García");
    }

    @Test
    void aValueCannotBreakOutOfItsJsonString() {
        Map<String, Object> event = new LinkedHashMap<>(hungUpInbound());
        event.put("call_id", "x\",\"admin\":true,\"y\":\"\n");
        WebhookTemplate template = WebhookTemplate.parse("{\"id\":\"%ID%\"}");

        Map<String, Object> parsed = WebhookJson.readObject(template.render(event, Escaping.JSON));

        assertThat(parsed).containsOnlyKeys("id").containsEntry("id", "x\",\"admin\":true,\"y\":\"\n");
    }

    @Test
    void sampleRenderingReplacesEveryPlaceholder() {
        WebhookTemplate template = WebhookTemplate.parse("{\"a\":%DURACION%,\"b\":\"{{x}}\",\"c\":\"%FOO%\"}");

        assertThat(template.renderSample("0")).isEqualTo("{\"a\":0,\"b\":\"0\",\"c\":\"%FOO%\"}");
    }
}
