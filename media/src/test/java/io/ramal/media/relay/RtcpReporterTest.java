package io.ramal.media.relay;

import static io.ramal.media.relay.BridgeFixture.audio;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.media.Pcm;
import io.ramal.media.codec.G711;
import io.ramal.media.rtcp.NtpTimestamp;
import io.ramal.media.rtcp.ReportBlock;
import io.ramal.media.rtcp.RtcpCompound;
import io.ramal.media.rtcp.RtcpPacket;
import io.ramal.media.rtcp.StreamQuality;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A leg's RTCP against a phone played by two sockets (its RTP and its RTCP port): the reports the
 * leg sends, what it makes of the phone's reports, and where it sends them.
 */
class RtcpReporterTest {
    private static final long PHONE_SSRC = 0x0BADCAFEL;
    final ManualClock clock = new ManualClock(1_700_000_000_000L);
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final BridgeFixture f = new BridgeFixture(clock, scheduler);
    final RtpPeer phoneRtcp = f.peer();
    final RtpEndpoint leg = f.open(clock, scheduler, MediaListener.NONE,
            EndpointSettings.loopback().withRtcpInterval(Duration.ofSeconds(5)));

    @AfterEach
    void close() {
        f.close();
    }

    private RtpSession session() {
        return RtpSession.g711(G711.PCMU, Optional.empty(), f.phoneA.address())
                .withRemoteRtcp(Optional.of(phoneRtcp.address()));
    }

    /** The phone sends packets {@code from..to} of its stream, leaving out {@code missing}. */
    private void phoneSends(int from, int to, List<Integer> missing) {
        long before = leg.counters().received();
        int sent = 0;
        for (int seq = from; seq <= to; seq++) {
            if (!missing.contains(seq)) {
                f.phoneA.send(audio(seq, 160L * seq, PHONE_SSRC, new byte[160]), leg.localAddress());
                sent++;
            }
        }
        long expected = before + sent;
        Await.until(sent + " packets received", () -> leg.counters().received() == expected);
    }

    private List<RtcpPacket> nextReport(RtpPeer at) {
        byte[] wire = at.receiveDatagram().bytes();
        return RtcpCompound.parse(wire, 0, wire.length).orElseThrow(() -> new AssertionError("not RTCP")).packets();
    }

    @Test
    void reportsTheLossItMeasuredInAReceiverReportWithItsCname() {
        leg.negotiate(session());
        phoneSends(1, 50, List.of(10, 20, 30));

        scheduler.advance(Duration.ofSeconds(4)); // the first report comes within 3.75 s
        List<RtcpPacket> report = nextReport(phoneRtcp);

        assertThat(report).hasSize(2);
        RtcpPacket.ReceiverReport rr = (RtcpPacket.ReceiverReport) report.get(0);
        assertThat(rr.ssrc()).isEqualTo(leg.ssrc());
        ReportBlock block = rr.blocks().getFirst();
        assertThat(block.ssrc()).isEqualTo(PHONE_SSRC);
        assertThat(block.cumulativeLost()).isEqualTo(3);
        assertThat(block.fractionLost()).as("3 of 49 expected after the probation packet").isEqualTo(3 * 256 / 49);
        assertThat(block.highestSequence()).isEqualTo(50);
        assertThat(block.lastSenderReport()).as("the phone sent no SR").isZero();
        RtcpPacket.SourceDescription sdes = (RtcpPacket.SourceDescription) report.get(1);
        assertThat(sdes.ssrc()).isEqualTo(leg.ssrc());
        assertThat(sdes.cname()).hasValueSatisfying(c -> assertThat(c).startsWith("ramal-").hasSize(30));
        StreamQuality q = leg.quality();
        assertThat(q.packetsLost()).isEqualTo(3);
        assertThat(q.reportsSent()).isEqualTo(1);
    }

    @Test
    void sendsSenderReportsThatCountWhatItSentAndTieTheMediaClockToTheWallClock() {
        leg.negotiate(session());
        leg.feed(Feed.FRAMES);
        for (int i = 0; i < 25; i++) {
            leg.outbound().write(new short[Pcm.FRAME_SAMPLES]);
            clock.advance(Duration.ofMillis(20));
        }
        Await.until("25 packets sent", () -> leg.counters().sent() == 25);
        long lastTimestamp = 0;
        for (int i = 0; i < 25; i++) {
            lastTimestamp = f.phoneA.receive().timestamp();
        }

        scheduler.advance(Duration.ofSeconds(4));
        RtcpPacket.SenderReport sr = (RtcpPacket.SenderReport) nextReport(phoneRtcp).getFirst();

        assertThat(sr.packetCount()).isEqualTo(25);
        assertThat(sr.octetCount()).isEqualTo(25 * 160);
        java.time.Instant sentAt = sr.ntp().toInstant().plusNanos(500_000).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        assertThat(sentAt).isBetween(java.time.Instant.ofEpochMilli(1_700_000_000_000L + 1250), clock.instant());
        long sinceLastPacket = sentAt.toEpochMilli() - (1_700_000_000_000L + 24 * 20);
        assertThat(sr.rtpTimestamp()).as("the last packet's timestamp plus 8 per ms since")
                .isEqualTo((lastTimestamp + sinceLastPacket * 8) & 0xFFFF_FFFFL);
        assertThat(sr.blocks()).as("nothing received").isEmpty();

        scheduler.advance(Duration.ofSeconds(8));
        assertThat(nextReport(phoneRtcp).getFirst()).as("nothing sent since: a receiver report")
                .isInstanceOf(RtcpPacket.ReceiverReport.class);
    }

    @Test
    void readsThePeersReportOfOurStreamAndWorksOutTheRoundTrip() {
        leg.negotiate(session());
        leg.feed(Feed.FRAMES);
        leg.outbound().write(new short[Pcm.FRAME_SAMPLES]);
        phoneSends(1, 5, List.of());
        scheduler.advance(Duration.ofSeconds(4));
        RtcpPacket.SenderReport ours = (RtcpPacket.SenderReport) nextReport(phoneRtcp).getFirst();

        clock.advance(Duration.ofMillis(800));
        NtpTimestamp phoneNow = NtpTimestamp.of(clock.instant());
        // the phone says it held our SR for all but 300 ms of the time since we sent it
        long held = (phoneNow.middle() - ours.ntp().middle() - 300 * 65536 / 1000) & 0xFFFF_FFFFL;
        byte[] answer = RtcpCompound.of(
                new RtcpPacket.SenderReport(PHONE_SSRC, phoneNow, 800, 5, 800,
                        List.of(new ReportBlock(leg.ssrc(), 64, 7, 1, 80, ours.ntp().middle(), held))),
                new RtcpPacket.SourceDescription(PHONE_SSRC, Optional.of("phone@127.0.0.1"))).toBytes();
        phoneRtcp.send(answer, new java.net.InetSocketAddress(leg.localAddress().getAddress(), leg.ports().rtcp()));
        Await.until("the phone's report read", () -> leg.quality().reportsReceived() == 1);

        StreamQuality q = leg.quality();
        assertThat(q.peer()).isPresent();
        assertThat(q.peer().get().lossRatio()).isEqualTo(0.25);
        assertThat(q.peer().get().cumulativeLost()).isEqualTo(7);
        assertThat(q.peer().get().jitter()).isEqualTo(Duration.ofMillis(10));
        assertThat(q.peer().get().roundTrip()).hasValueSatisfying(rtt ->
                assertThat(rtt).isBetween(Duration.ofMillis(299), Duration.ofMillis(301)));
        assertThat(q.worstRoundTrip()).isEqualTo(q.peer().get().roundTrip());

        phoneSends(6, 8, List.of());
        clock.advance(Duration.ofMillis(1500));
        scheduler.advance(Duration.ofSeconds(8));
        ReportBlock aboutPhone = ((RtcpPacket.ReceiverReport) nextReport(phoneRtcp).getFirst()).blocks().getFirst();
        assertThat(aboutPhone.lastSenderReport()).as("LSR: the phone's SR").isEqualTo(phoneNow.middle());
        assertThat(aboutPhone.delaySinceLastSenderReport()).as("DLSR: the time since it arrived (sent on the way)")
                .isPositive()
                .isLessThanOrEqualTo((NtpTimestamp.of(clock.instant()).middle() - phoneNow.middle()) & 0xFFFF_FFFFL);
    }

    @Test
    void answersWhereThePeersRtcpComesFromRatherThanTheSdpPort() {
        leg.negotiate(session());
        phoneSends(1, 3, List.of());
        RtpPeer natted = f.peer();
        natted.send(RtcpCompound.of(new RtcpPacket.ReceiverReport(PHONE_SSRC, List.of())).toBytes(),
                new java.net.InetSocketAddress(leg.localAddress().getAddress(), leg.ports().rtcp()));
        Await.until("the phone's report read", () -> leg.quality().reportsReceived() == 1);

        scheduler.advance(Duration.ofSeconds(4));

        assertThat(nextReport(natted).getFirst()).isInstanceOf(RtcpPacket.ReceiverReport.class);
    }

    @Test
    void believesNoReportFromAnotherAddressThanThePeers() throws Exception {
        leg.negotiate(session());
        phoneSends(1, 3, List.of());
        try (RtpPeer stranger = new RtpPeer(InetAddress.getByName("127.0.0.2"))) {
            stranger.send(RtcpCompound.of(new RtcpPacket.ReceiverReport(PHONE_SSRC,
                            List.of(new ReportBlock(leg.ssrc(), 255, 1000, 1, 8000, 0, 0)))).toBytes(),
                    new java.net.InetSocketAddress(leg.localAddress().getAddress(), leg.ports().rtcp()));
            Await.until("the stranger's RTCP counted", () -> leg.counters().rtcpReceived() == 1);
        }

        assertThat(leg.quality().reportsReceived()).isZero();
        assertThat(leg.quality().peer()).isEmpty();
    }

    @Test
    void withRtcpMuxReportsTravelOnTheRtpPortBothWays() {
        leg.negotiate(session().withRtcpMux(true));
        phoneSends(1, 3, List.of());
        f.phoneA.send(RtcpCompound.of(new RtcpPacket.ReceiverReport(PHONE_SSRC,
                List.of(new ReportBlock(leg.ssrc(), 0, 0, 1, 0, 0, 0)))).toBytes(), leg.localAddress());
        Await.until("the muxed report read", () -> leg.quality().reportsReceived() == 1);

        scheduler.advance(Duration.ofSeconds(4));

        assertThat(nextReport(f.phoneA).getFirst()).isInstanceOf(RtcpPacket.ReceiverReport.class);
        assertThat(leg.quality().peer()).isPresent();
    }

    @Test
    void closingSaysGoodbyeAndStopsTheReports() {
        leg.negotiate(session());
        phoneSends(1, 3, List.of());

        leg.close();

        List<RtcpPacket> last = nextReport(phoneRtcp);
        assertThat(last.getLast()).isEqualTo(new RtcpPacket.Goodbye(List.of(leg.ssrc()), Optional.empty()));
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void reportsKeepComingAtRandomisedIntervalsAroundTheMean() {
        leg.negotiate(session());
        phoneSends(1, 3, List.of());

        scheduler.advance(Duration.ofSeconds(60));

        // first after 1.25–3.75 s, then every 2.5–7.5 s: 8 to 23 reports in a minute
        assertThat(leg.quality().reportsSent()).isBetween(8L, 23L);
    }
}
