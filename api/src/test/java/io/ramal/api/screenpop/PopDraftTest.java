package io.ramal.api.screenpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PopDraftTest {

    private static Map<String, Object> delivered(boolean external) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("direction", "inbound");
        fields.put("caller_number", "+5511988887777");
        fields.put("caller_name", "ACME Customer");
        fields.put("callee_number", "+551130001000");
        fields.put("callee_name", null);
        fields.put("data", Map.of("party", Map.of("device", "1001", "external", external, "state", "alerting")));
        return fields;
    }

    @Test
    void aCallRingingAnExtensionIsAPopAndAnExternalNumberRingingIsNot() {
        PopDraft draft = PopDraft.ringing(Optional.of("in1"), Optional.of("1001"), 12, delivered(false)).orElseThrow();
        assertThat(draft.extension()).isEqualTo("1001");
        assertThat(draft.callerNumber()).isEqualTo("+5511988887777");
        assertThat(draft.callerName()).contains("ACME Customer");
        assertThat(draft.calleeName()).isEmpty();
        assertThat(draft.deliveredSeq()).isEqualTo(12);
        assertThat(PopDraft.ringing(Optional.of("in1"), Optional.of("+5511"), 13, delivered(true))).isEmpty();
        assertThat(PopDraft.ringing(Optional.empty(), Optional.of("1001"), 14, delivered(false))).isEmpty();
    }

    @Test
    void thePopIsForTheUserOrForTheExtensionWhenNoUserAnswersIt() {
        PopDraft draft = PopDraft.ringing(Optional.of("in1"), Optional.of("1001"), 12, delivered(false)).orElseThrow();
        assertThat(draft.agentKey()).isEqualTo("extension:1001");
        assertThat(draft.forAgent(Optional.of(new PopDraft.Agent("u-7", "alice"))).agentKey()).isEqualTo("u-7");
    }

    @Test
    void roundTripsThroughItsClaimKeepingQueueAndCampaign() {
        Map<String, Object> fields = delivered(false);
        fields.put("queue", "Sales");
        fields.put("campaign", Map.of("id", "cmp-1", "name", "Black Friday"));
        PopDraft draft = PopDraft.ringing(Optional.of("in1"), Optional.of("1001"), 12, fields).orElseThrow()
                .forAgent(Optional.of(new PopDraft.Agent("u-7", "alice")));
        assertThat(PopDraft.fromJson(draft.toJson())).isEqualTo(draft);
        assertThat(draft.queue()).contains(Map.of("name", "Sales"));
    }

    @Test
    void aQueuesOfferTakesTheQueueFromTheDeliveredDataAndTheCampaignFromTheCall() {
        Map<String, Object> fields = delivered(false);
        fields.put("data", Map.of("party", Map.of("device", "1001", "external", false),
                "queue", Map.of("name", "sales", "wait_s", 12)));
        Map<String, Object> campaign = Map.of("customer_code", "C-77", "extra_1", "gold");
        fields.put("call", Map.of("call_id", "q1", "queue", "sales", "campaign", campaign));
        PopDraft fromOffer = PopDraft.ringing(Optional.of("q1"), Optional.of("1001"), 12, fields).orElseThrow();
        fields.put("data", Map.of("party", Map.of("device", "1002", "external", false)));
        PopDraft fromCall = PopDraft.ringing(Optional.of("q1"), Optional.of("1002"), 13, fields).orElseThrow();

        assertThat(fromOffer.queue()).contains(Map.of("name", "sales", "wait_s", 12));
        assertThat(fromOffer.campaign()).contains(campaign);
        assertThat(fromCall.queue()).as("a transfer target rings: the call's queue").contains(Map.of("name", "sales"));
    }

    @Test
    void theEventCarriesTheCallTheAgentAndTheLookup() {
        PopDraft draft = PopDraft.ringing(Optional.of("in1"), Optional.of("1001"), 12, delivered(false)).orElseThrow()
                .forAgent(Optional.of(new PopDraft.Agent("u-7", "alice")));
        Map<String, Object> fields = draft.fields(Optional.of(new Lookup(
                new LookupResult.Found(Map.of("name", "ACME")), Duration.ofMillis(37), false)));
        assertThat(fields).containsEntry("user", Map.of("id", "u-7", "username", "alice"))
                .containsEntry("direction", "inbound")
                .containsEntry("caller_number", "+5511988887777")
                .containsEntry("caller_name", "ACME Customer")
                .containsEntry("callee_number", "+551130001000")
                .containsEntry("queue", null)
                .containsEntry("campaign", null)
                .containsEntry("contact", Map.of("name", "ACME"))
                .containsEntry("delivered_seq", 12L);
        assertThat(fields.get("lookup")).isEqualTo(lookupJson("found", false, 37, null));
        assertThat(draft.fields(Optional.empty())).containsEntry("lookup", null).containsEntry("contact", null);
    }

    private static Map<String, Object> lookupJson(String status, boolean cached, long latency, String error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("cached", cached);
        json.put("latency_ms", latency);
        json.put("error", error);
        return json;
    }
}
