package io.ramal.it.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.RtcpPeer;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippScenario;
import io.ramal.it.server.TestServer;
import io.ramal.media.rtcp.ReportBlock;
import io.ramal.media.rtcp.RtcpCompound;
import io.ramal.media.rtcp.RtcpPacket;
import io.ramal.pbx.media.AnchoredMediaPlane;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * RTCP on anchored legs with real peers: a SIPp caller whose media is an {@link RtcpPeer} (it
 * sends RTP with every tenth packet missing, reads Ramal's reports and answers with its own) and
 * a baresip callee (which sends and reads RTCP itself). Ramal's reports carry the right counts and
 * the loss it measured; the peers' reports end up in the call's CDR with a round-trip time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RtcpReportsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private TestServer server;
  private ApiClient api;
  private String admin;

  @BeforeAll
  void start() {
    server = TestServer.start(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), Duration.ofSeconds(10));
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void ramalReportsWhatItSentAndLostAndKeepsWhatThePeersReportedInTheCdr() {
    int portPairs = ((AnchoredMediaPlane) server.ramal().media()).availablePortPairs();
    JsonNode quality;
    try (RtcpPeer caller = new RtcpPeer(10);
        Baresip callee = Baresip.builder("1002").registrar(server.sipAddress(), "demo1002").tone(600).start()) {
      callee.awaitRegistered(WAIT);
      Sipp phone = Sipp.builder(SippScenario.resource("uac-media-at-port-expect-bye.xml")).remote(server.sipAddress())
          .accounts(new SipAccount("1001", "demo1001")).service("1002")
          .keyword("rtp_port", Integer.toString(caller.rtpPort())).start();
      callee.awaitEvent("CALL_ESTABLISHED", WAIT);
      String callId = callOf("1001");

      // Ramal's first sender report after our stream has run a while: counts and the loss it measured
      RtcpPeer.Report first = caller.awaitReport("sender report with a block about our stream",
          r -> r.compound().packets().getFirst() instanceof RtcpPacket.SenderReport sr && !sr.blocks().isEmpty()
              && caller.rtpSent() > 100, WAIT);
      long receivedThen = caller.rtpReceived();
      RtcpPacket.SenderReport sr = (RtcpPacket.SenderReport) first.compound().packets().getFirst();
      ReportBlock aboutUs = sr.blocks().getFirst();
      int skippedThen = first.skippedBefore();

      // our answer: a quarter of Ramal's packets lost, 10 ms jitter, Ramal's SR held for a known time
      Instant answeredAt = Instant.now();
      long held = Duration.between(first.arrivedAt(), answeredAt).toNanos() * 65536 / 1_000_000_000L;
      caller.sendReport(RtcpCompound.of(
          new RtcpPacket.ReceiverReport(RtcpPeer.SSRC, List.of(new ReportBlock(sr.ssrc(), 64, 7, 1000, 80,
              sr.ntp().middle(), held))),
          new RtcpPacket.SourceDescription(RtcpPeer.SSRC, Optional.of("rtcp-peer@127.0.0.1"))));
      RtcpPeer.Report next = caller.awaitReport("a later report that refers to ours",
          r -> r.arrivedAt().isAfter(answeredAt) && r.compound().packets().getFirst() instanceof RtcpPacket.SenderReport,
          WAIT);
      // baresip gets Ramal's SR and answers within its own interval (5 s, randomised up to 7.5 s): a
      // report it sent just before the SR arrived carries no LSR, so wait for the next one too.
      await().atMost(Duration.ofSeconds(20))
          .until(() -> Duration.between(first.arrivedAt(), Instant.now()).toSeconds() >= 12);

      assertThat(api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(admin), null).status()).isEqualTo(202);
      phone.awaitExit(WAIT).requireSuccess();
      callee.awaitEvent("CALL_CLOSED", WAIT);
      RtcpPeer.Report bye = caller.awaitReport("BYE",
          r -> r.compound().packets().getLast() instanceof RtcpPacket.Goodbye, WAIT);

      assertThat(sr.ssrc()).as("the SSRC of the RTP Ramal sends us").isEqualTo(caller.serverSsrc());
      assertThat(first.compound().packets().get(1)).isInstanceOfSatisfying(RtcpPacket.SourceDescription.class,
          sdes -> assertThat(sdes.cname()).hasValueSatisfying(c -> assertThat(c).startsWith("ramal-")));
      assertThat(sr.packetCount()).as("packets Ramal sent by then, as we received them")
          .isBetween(receivedThen - 60, receivedThen + 5);
      assertThat(sr.octetCount()).isEqualTo(sr.packetCount() * 160);
      assertThat(aboutUs.ssrc()).isEqualTo(RtcpPeer.SSRC);
      assertThat(aboutUs.cumulativeLost()).as("the packets we left out").isBetween(skippedThen - 3, skippedThen);
      assertThat(aboutUs.fractionLost()).as("a tenth, in 1/256").isBetween(20, 30);
      assertThat(((RtcpPacket.SenderReport) next.compound().packets().getFirst()).blocks().getFirst()
          .lastSenderReport()).as("LSR: none, we sent no sender report").isZero();
      assertThat(bye.compound().packets().getLast())
          .isEqualTo(new RtcpPacket.Goodbye(List.of(sr.ssrc()), Optional.empty()));

      quality = await().atMost(WAIT).until(() -> api.get("/api/v1/cdrs/" + callId, admin).json(),
          cdr -> !cdr.path("media_quality").isMissingNode() && !cdr.path("media_quality").isNull())
          .path("media_quality");
    }
    JsonNode ofCaller = quality.path("caller");
    assertThat(ofCaller.path("packets_lost").asLong()).isGreaterThan(10);
    assertThat(ofCaller.path("loss_ratio").asDouble()).isBetween(0.08, 0.12);
    assertThat(ofCaller.path("rtcp_reports_received").asLong()).isEqualTo(1);
    assertThat(ofCaller.path("rtcp_reports_sent").asLong()).isGreaterThanOrEqualTo(3);
    JsonNode peer = ofCaller.path("peer_report");
    assertThat(peer.path("loss_ratio").asDouble()).isEqualTo(0.25);
    assertThat(peer.path("cumulative_lost").asLong()).isEqualTo(7);
    assertThat(peer.path("jitter_ms").asDouble()).isEqualTo(10.0);
    assertThat(peer.path("round_trip_ms").asDouble()).as("loopback: the time our answer took").isBetween(0.0, 50.0);
    JsonNode ofCallee = quality.path("callee");
    assertThat(ofCallee.path("rtcp_reports_received").asLong()).as("baresip's own RTCP").isGreaterThanOrEqualTo(1);
    assertThat(ofCallee.path("packets_received").asLong()).isGreaterThan(300);
    assertThat(ofCallee.path("peer_report").path("loss_ratio").asDouble())
        .as("baresip sees the caller's gaps: Ramal relays them as they are").isBetween(0.08, 0.12);
    assertThat(ofCallee.path("max_round_trip_ms").isNumber()).as("baresip answered one of Ramal's SRs: " + ofCallee)
        .isTrue();
    await().atMost(WAIT).untilAsserted(() -> assertThat(((AnchoredMediaPlane) server.ramal().media())
        .availablePortPairs()).isEqualTo(portPairs));
  }

  private String callOf(String caller) {
    return await().atMost(WAIT).until(() -> {
      for (JsonNode call : api.get("/api/v1/calls", admin).json().path("calls")) {
        if (call.path("caller_number").asText().equals(caller)) return Optional.of(call.path("call_id").asText());
      }
      return Optional.<String>empty();
    }, Optional::isPresent).orElseThrow();
  }
}
