package io.ramal.it.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.LiveCalls;
import io.ramal.it.harness.RtpSink;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippScenario;
import io.ramal.it.harness.Tone;
import io.ramal.it.harness.ToneReport;
import io.ramal.it.harness.Wav;
import io.ramal.it.server.TestServer;
import io.ramal.media.codec.G711;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A SIPp carrier calls the voice menu's DID with a late offer (no SDP in its INVITE: Ramal offers in
 * its 200, the caller answers in the ACK) and presses its key in a SIP INFO ({@code
 * application/dtmf-relay}). What Ramal sends the caller is captured at the RTP port its ACK named: the
 * menu's 1400 Hz prompt first, then the 600 Hz of extension 1002, the option of the key.
 */
class IvrSippCallerTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private TestServer server;
  private ApiClient api;
  private String admin;
  private int trunkPort;

  @BeforeEach
  void start() {
    trunkPort = FreePorts.udpAndTcp();
    server = TestServer.start(FreePorts.udpAndTcp(), trunkPort, Duration.ofSeconds(20));
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void aLateOfferCallerHearsThePromptAndAKeyInSipInfoConnectsItToTheOption() {
    Answer created = api.call("POST", "/api/v1/ivrs", Optional.of(admin), Map.of("name", "main",
        "options", Map.of("1", "extension:1002"), "timeout_s", 10));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    assertThat(api.send("PUT", "/api/v1/ivrs/main/prompt", admin,
        Tone.sine(1400, Duration.ofSeconds(6), 8000, 0.5).toBytes(), "audio/wav").status()).isEqualTo(200);
    assertThat(api.call("PUT", "/api/v1/dids/4200", Optional.of(admin), Map.of("ivr", "main")).status())
        .isEqualTo(201);
    try (EventStreamClient events = LiveCalls.subscribed(server.httpPort(), admin, "call.*");
        RtpSink caller = new RtpSink();
        Baresip ext = Baresip.builder("1002").registrar(server.sipAddress(), "demo1002").tone(600).start()) {
      ext.awaitRegistered(WAIT);
      Sipp carrier = Sipp.builder(SippScenario.resource("uac-late-offer-info-key.xml").with("wait_ms", "2500")
              .with("talk_ms", "3000").with("key", "1"))
          .remote(server.sipAddress()).localPort(trunkPort).service("4200")
          .keyword("rtp_port", Integer.toString(caller.port())).start();

      ext.awaitEvent("CALL_ESTABLISHED", WAIT);
      int connectedAt = caller.packets().size();
      await().atMost(WAIT).until(() -> caller.packets().size() >= connectedAt + 75);
      JsonNode key = events.next(e -> e.path("type").asText().equals("call.dtmf"), WAIT);
      carrier.awaitExit(WAIT).requireSuccess();
      ext.awaitEvent("CALL_CLOSED", WAIT);

      List<RtpSink.Packet> packets = caller.packets();
      ToneReport prompt = tone(packets.subList(10, Math.min(connectedAt, 10 + 75)));
      ToneReport talk = tone(packets.subList(connectedAt + 15, connectedAt + 75));
      assertThat(connectedAt).as("RTP before the key").isGreaterThan(85);
      assertThat(prompt.isToneOf(1400, 20)).as("the prompt reached the late-offer caller: " + prompt).isTrue();
      assertThat(talk.isToneOf(600, 20)).as("then 1002 behind key 1: " + talk).isTrue();
      assertThat(key.path("data").path("digit").asText()).isEqualTo("1");
    }
    await().atMost(WAIT).until(() -> api.get("/api/v1/cdrs?limit=1", admin).json().path("cdrs").size() == 1);
    assertThat(api.get("/api/v1/cdrs?limit=1", admin).json().path("cdrs").path(0).path("callee").asText())
        .isEqualTo("1002");
  }

  @Test
  void aKeyLeadingToAnExternalNumberCallsItThroughTheTrunk() {
    // The caller comes in through a second trunk (from 127.0.0.2); the number goes out through the
    // oldest trunk without prefixes, local-trunk, where a SIPp callee answers.
    Answer inbound = api.call("POST", "/api/v1/trunks", Optional.of(admin), Map.of("name", "carrier-in",
        "host", "127.0.0.2", "port", 5099, "inbound_sources", List.of("127.0.0.2")));
    assertThat(inbound.status()).as(inbound.json().toString()).isEqualTo(201);
    Answer created = api.call("POST", "/api/v1/ivrs", Optional.of(admin), Map.of("name", "main",
        "options", Map.of("3", "number:+551130001000"), "timeout_s", 10));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    assertThat(api.call("PUT", "/api/v1/dids/4200", Optional.of(admin), Map.of("ivr", "main")).status())
        .isEqualTo(201);
    try (EventStreamClient events = LiveCalls.subscribed(server.httpPort(), admin, "call.*");
        RtpSink caller = new RtpSink();
        Sipp outside = Sipp.builder(SippScenario.resource("uas-answer.xml")).autoAnswer().localPort(trunkPort)
            .start()) {
      Sipp carrier = Sipp.builder(SippScenario.resource("uac-late-offer-info-key.xml").with("wait_ms", "1500")
              .with("talk_ms", "2000").with("key", "3"))
          .remote(server.sipAddress()).localIp("127.0.0.2").service("4200")
          .keyword("rtp_port", Integer.toString(caller.port())).start();

      JsonNode transferred = events.next(e -> e.path("type").asText().equals("call.transferred"), WAIT);
      JsonNode established = events.next(e -> e.path("type").asText().equals("call.established")
          && e.path("device").asText().equals("+551130001000"), WAIT);
      carrier.awaitExit(WAIT).requireSuccess();
      outside.awaitExit(WAIT).requireSuccess();

      assertThat(transferred.path("device").asText()).isEqualTo("ivr:main");
      assertThat(transferred.path("data").path("transferred_to").asText()).isEqualTo("+551130001000");
      assertThat(transferred.path("data").path("transferred_to_external").asBoolean()).isTrue();
      assertThat(established.path("call_id").asText()).isEqualTo(transferred.path("call_id").asText());
      assertThat(outside.messageLog()).contains("INVITE sip:+551130001000@127.0.0.1");
    }
    await().atMost(WAIT).until(() -> api.get("/api/v1/cdrs?limit=1", admin).json().path("cdrs").size() == 1);
    assertThat(api.get("/api/v1/cdrs?limit=1", admin).json().path("cdrs").path(0).path("callee").asText())
        .isEqualTo("+551130001000");
  }

  private static ToneReport tone(List<RtpSink.Packet> packets) {
    short[] pcm = new short[packets.stream().mapToInt(p -> p.payload().length).sum()];
    int at = 0;
    for (RtpSink.Packet p : packets) {
      assertThat(p.payloadType()).isZero();
      G711.PCMU.decode(p.payload(), 0, p.payload().length, pcm, at);
      at += p.payload().length;
    }
    return Tone.analyze(new Wav(8000, 1, pcm), Duration.ZERO, Duration.ZERO);
  }
}
