package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.LiveCalls;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.server.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dialer places a click-to-call with the customer's campaign fields (SIPp phones on 1001 and 1002): the
 * destination's ringing carries them in its call, and a malformed campaign is refused before anything rings.
 */
class ClickToCallCampaignTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private TestServer server;
  private ApiClient api;
  private String admin;

  @BeforeEach
  void start() {
    server = TestServer.start(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), Duration.ofSeconds(20));
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void campaignFieldsGivenWithAClickToCallReachTheDestinationsRinging() {
    try (Sipp own = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1001", "demo1001"),
            CalleeBehavior.answer()).start();
        Sipp customer = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1002", "demo1002"),
            CalleeBehavior.answer()).start()) {
      own.awaitRegistered(WAIT);
      customer.awaitRegistered(WAIT);
      org.awaitility.Awaitility.await().atMost(WAIT).until(() -> api.get("/api/v1/devices", admin).json()
          .path("devices").findValues("registered").stream().filter(JsonNode::asBoolean).count() == 2);
      try (EventStreamClient events = LiveCalls.subscribed(server.httpPort(), admin, "call.*")) {
        Answer placed = api.call("POST", "/api/v1/calls", Optional.of(admin), Map.of("from", "1001", "to", "1002",
            "campaign", Map.of("customer_code", "C-77", "campaign", "Black Friday", "extra_5", "last")));
        assertThat(placed.status()).as(placed.json().toString()).isEqualTo(202);
        String callId = placed.json().path("call_id").asText();
        List<JsonNode> setUp = events.eventsUntil(e -> e.path("type").asText().equals("call.delivered")
            && e.path("device").asText().equals("1002"), WAIT);
        events.next(e -> e.path("type").asText().equals("call.established") && e.path("device").asText().equals("1002"),
            WAIT);
        assertThat(api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(admin), null).status()).isEqualTo(202);
        own.awaitExit(WAIT).requireSuccess();
        customer.awaitExit(WAIT).requireSuccess();

        assertThat(setUp).extracting(e -> e.path("type").asText() + "@" + e.path("device").asText(""))
            .containsSubsequence("call.originated@1001", "call.campaign_changed@", "call.delivered@1002");
        assertThat(setUp).allSatisfy(e -> assertThat(e.path("call_id").asText()).isEqualTo(callId));
        JsonNode campaign = setUp.getLast().path("call").path("campaign");
        assertThat(campaign.path("customer_code").asText()).isEqualTo("C-77");
        assertThat(campaign.path("campaign").asText()).isEqualTo("Black Friday");
        assertThat(campaign.path("extra_5").asText()).isEqualTo("last");
        assertThat(campaign.path("customer_name").isNull()).isTrue();
      }
    }
    assertThat(api.call("POST", "/api/v1/calls", Optional.of(admin), Map.of("from", "1001", "to", "1002",
        "campaign", Map.of("codigoCliente", "C-77"))).code()).isEqualTo("invalid_campaign");
  }
}
