package io.ramal.media.relay;

import static io.ramal.media.relay.BridgeFixture.audio;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.media.FrameSink;
import io.ramal.media.Pcm;
import io.ramal.media.codec.G711;
import io.ramal.media.dtmf.DtmfDigit;
import io.ramal.media.dtmf.TelephoneEvent;
import io.ramal.media.rtp.RtpPacket;
import io.ramal.media.rtp.RtpPorts;
import io.ramal.sip.sdp.Direction;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RtpEndpointTest {
    final ManualClock clock = new ManualClock(1_000_000);
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final BridgeFixture f = new BridgeFixture(clock, scheduler);

    @AfterEach
    void close() {
        f.close();
    }

    RtpSession unknownRemote(G711 law) {
        return RtpSession.g711(law, Optional.of(101), f.phoneA.address())
                .withExpectedSource(Optional.empty());
    }

    @Test
    void sendsToTheLatchedSourceRatherThanTheSdpPort() {
        RtpPeer advertised = f.peer();
        f.legA.negotiate(RtpSession.g711(G711.PCMU, Optional.empty(), advertised.address()));
        f.legB.negotiate(RtpSession.g711(G711.PCMU, Optional.empty(), f.phoneB.address()));
        RtpBridge.join(f.legA, f.legB);

        f.phoneA.send(audio(1, 160, 7, new byte[] {1}), f.legA.localAddress());
        f.phoneB.receive();
        f.phoneB.send(audio(1, 160, 8, new byte[] {2}), f.legB.localAddress());

        assertThat(f.phoneA.receive().payload()).containsExactly(2);
        assertThat(f.legA.latchedSource()).contains(f.phoneA.address());
    }

    @Test
    void sendsNothingUntilLatchedWhenSdpGaveNoAddress() {
        f.legA.negotiate(new RtpSession(RtpSession.g711(G711.PCMU, Optional.empty(), f.phoneA.address()).audio(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Direction.SENDRECV));
        f.legB.negotiate(RtpSession.g711(G711.PCMU, Optional.empty(), f.phoneB.address()));
        RtpBridge.join(f.legA, f.legB);

        f.phoneB.send(audio(1, 160, 8, new byte[] {1}), f.legB.localAddress());
        Await.until("leg B received", () -> f.legB.counters().received() == 1);
        f.phoneA.send(audio(1, 160, 7, new byte[] {2}), f.legA.localAddress());
        f.phoneB.receive();
        f.phoneB.send(audio(2, 320, 8, new byte[] {3}), f.legB.localAddress());

        assertThat(f.phoneA.receive().payload()).as("the first packet had nowhere to go").containsExactly(3);
        Await.until("one packet counted as sent", () -> f.legA.counters().sent() == 1);
    }

    @Test
    void dropsAndCountsPacketsFromAHijacker() {
        f.bridge(G711.PCMU, Optional.empty(), G711.PCMU, Optional.empty());
        RtpPeer attacker = f.peer();
        f.phoneA.send(audio(1, 160, 0x1111, new byte[] {1}), f.legA.localAddress());
        f.phoneB.receive();

        for (int i = 0; i < 5; i++) {
            attacker.send(audio(2 + i, 320, i == 0 ? 0x1111 : 0x6666, new byte[] {66}), f.legA.localAddress());
        }
        Await.until("five foreign packets counted", () -> f.legA.counters().droppedForeign() == 5);
        f.phoneA.send(audio(2, 320, 0x1111, new byte[] {2}), f.legA.localAddress());

        assertThat(f.phoneB.receive().payload()).as("nothing of the attacker's came through").containsExactly(2);
        assertThat(f.legA.latchedSource()).contains(f.phoneA.address());
        assertThat(f.legA.counters().received()).isEqualTo(2);
    }

    @Test
    void followsTheLatchedStreamToANewPortAfterSilenceWithTheSameSsrc() {
        f.bridge(G711.PCMU, Optional.empty(), G711.PCMU, Optional.empty());
        RtpPeer movedNat = f.peer();
        RtpPeer stranger = f.peer();
        f.phoneA.send(audio(1, 160, 0x1234, new byte[] {1}), f.legA.localAddress());
        f.phoneB.receive();

        clock.advance(Duration.ofSeconds(3));
        stranger.send(audio(9, 900, 0x9999, new byte[] {66}), f.legA.localAddress());
        Await.until("stranger dropped", () -> f.legA.counters().droppedForeign() == 1);
        movedNat.send(audio(2, 320, 0x1234, new byte[] {2}), f.legA.localAddress());
        assertThat(f.phoneB.receive().payload()).containsExactly(2);
        f.phoneB.send(audio(1, 160, 5, new byte[] {3}), f.legB.localAddress());

        assertThat(movedNat.receive().payload()).containsExactly(3);
        assertThat(f.legA.latchedSource()).contains(movedNat.address());
    }

    @Test
    void countsMalformedPacketsAndKeepsRelaying() {
        f.bridge(G711.PCMU, Optional.empty(), G711.PCMU, Optional.empty());
        byte[] ok = audio(1, 160, 1, new byte[160]).toBytes();
        byte[] version1 = ok.clone();
        version1[0] = 0x40;
        byte[] truncatedCsrc = java.util.Arrays.copyOf(ok, 14);
        truncatedCsrc[0] = (byte) 0x85;

        f.phoneA.send(new byte[] {1, 2, 3, 4, 5}, f.legA.localAddress());
        f.phoneA.send(version1, f.legA.localAddress());
        f.phoneA.send(truncatedCsrc, f.legA.localAddress());
        f.phoneA.send(audio(18, 1, 160, 1, new byte[20]), f.legA.localAddress());
        f.phoneA.send(audio(2, 320, 1, new byte[1600]).toBytes(), f.legA.localAddress());
        Await.until("five malformed counted", () -> f.legA.counters().droppedMalformed() == 5);
        f.phoneA.send(ok, f.legA.localAddress());

        assertThat(f.phoneB.receive().sequenceNumber()).isNotNegative();
        assertThat(f.legA.counters().received()).isEqualTo(1);
        assertThat(f.legA.latchedSource()).as("malformed packets latch nothing").contains(f.phoneA.address());
    }

    @Test
    void dropsEverythingBeforeNegotiation() {
        f.phoneA.send(audio(1, 160, 1, new byte[160]), f.legA.localAddress());

        Await.until("counted", () -> f.legA.counters().droppedMalformed() == 1);
        assertThat(f.legA.latchedSource()).isEmpty();
    }

    @Test
    void countsRtcpOnItsPortAndMultiplexedOnTheRtpPort() {
        f.bridge(G711.PCMU, Optional.empty(), G711.PCMU, Optional.empty());
        byte[] rr = {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0, 7};
        InetSocketAddress rtcpPort = new InetSocketAddress(InetAddress.getLoopbackAddress(), f.legA.ports().rtcp());

        f.phoneA.send(rr, rtcpPort);
        f.phoneA.send(rr, f.legA.localAddress());
        f.phoneA.send(new byte[] {(byte) 0x80, (byte) 200, 0, 9}, rtcpPort);

        Await.until("RTCP counted", () -> f.legA.counters().rtcpReceived() == 2
                && f.legA.counters().droppedMalformed() == 1);
        assertThat(f.legB.counters().sent()).as("RTCP is not relayed").isZero();
    }

    @Test
    void feedsDecodedAudioToTapsInTwentyMillisecondFrames() throws Exception {
        f.bridge(G711.PCMA, Optional.empty(), G711.PCMU, Optional.empty());
        List<short[]> frames = new CopyOnWriteArrayList<>();
        FrameSink broken = frame -> {
            throw new IllegalStateException("broken tap");
        };
        f.legA.addTap(broken);
        AutoCloseable tap = f.legA.addTap(frame -> frames.add(frame.clone()));

        for (int i = 0; i < 20; i++) {
            short[] pcm = Tone.sine(1000, 6000, i * 240, 240);
            byte[] payload = new byte[240];
            G711.PCMA.encode(pcm, 0, 240, payload, 0);
            f.phoneA.send(audio(8, i, 240L * i, 3, payload), f.legA.localAddress());
            assertThat(f.phoneB.receive().payload()).hasSize(240);
        }
        Await.until("30 frames tapped", () -> frames.size() == 20 * 240 / Pcm.FRAME_SAMPLES);
        tap.close();
        f.phoneA.send(audio(8, 20, 4800, 3, new byte[240]), f.legA.localAddress());
        f.phoneA.send(audio(8, 21, 5040, 3, new byte[240]), f.legA.localAddress());
        Await.until("the broken tap saw the frames after", () -> f.legA.tapFailures() == frames.size() + 3);

        assertThat(frames).hasSize(20 * 240 / Pcm.FRAME_SAMPLES).allMatch(fr -> fr.length == Pcm.FRAME_SAMPLES);
        short[] all = new short[frames.size() * Pcm.FRAME_SAMPLES];
        for (int i = 0; i < frames.size(); i++) {
            System.arraycopy(frames.get(i), 0, all, i * Pcm.FRAME_SAMPLES, Pcm.FRAME_SAMPLES);
        }
        assertThat(Tone.power(all, 1000)).isGreaterThan(100 * Tone.power(all, 1400));
    }

    @Test
    void sendsGeneratedDigitsWithinTheLegsStream() {
        try (ExecutorScheduler realTime = new ExecutorScheduler();
                BridgeFixture live = new BridgeFixture(java.time.InstantSource.system(), realTime)) {
            live.bridge(G711.PCMU, Optional.of(101), G711.PCMU, Optional.of(97));
            live.phoneA.send(audio(1, 160, 1, new byte[160]), live.legA.localAddress());
            RtpPacket before = live.phoneB.receive();

            realTime.execute(() -> live.legB.sendDigit('7', Duration.ofMillis(100)));
            List<RtpPacket> events = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                events.add(live.phoneB.receive());
            }
            Await.until("digit finished", () -> live.legB.counters().sent() == 9);
            live.phoneA.send(audio(2, 320, 1, new byte[160]), live.legA.localAddress());
            RtpPacket after = live.phoneB.receive();

            assertThat(events).allMatch(p -> p.payloadType() == 97 && p.ssrc() == before.ssrc());
            assertThat(events).extracting(RtpPacket::timestamp).containsOnly(events.get(0).timestamp());
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).sequenceNumber()).isEqualTo((before.sequenceNumber() + 1 + i) & 0xFFFF);
                byte[] payload = events.get(i).payload();
                TelephoneEvent e = TelephoneEvent.parse(payload, 0, payload.length).orElseThrow();
                assertThat(e.event()).isEqualTo(7);
                assertThat(e.end()).isEqualTo(i >= 5);
                assertThat(e.duration()).isEqualTo(Math.min(160 * (i + 1), 800));
            }
            assertThat(events.get(0).marker()).isTrue();
            assertThat(after.sequenceNumber()).isEqualTo((before.sequenceNumber() + 9) & 0xFFFF);
            assertThat((after.timestamp() - events.get(0).timestamp()) & 0xFFFF_FFFFL).isGreaterThanOrEqualTo(800);
        }
    }

    @Test
    void sendsInBandTonesToALegWithoutTelephoneEvents() {
        f.bridge(G711.PCMU, Optional.empty(), G711.PCMA, Optional.empty());
        f.phoneA.send(audio(1, 160, 1, new byte[160]), f.legA.localAddress());
        RtpPacket before = f.phoneB.receive();

        assertThat(f.legB.sendDigits(List.of(new DtmfDigit('5', Duration.ofMillis(100))), Duration.ofMillis(80)))
                .contains(DigitSignal.IN_BAND);
        List<RtpPacket> tone = new ArrayList<>(List.of(f.phoneB.receive()));
        for (int i = 1; i < 5; i++) {
            scheduler.advance(Duration.ofMillis(20));
            tone.add(f.phoneB.receive());
        }
        short[] heard = new short[5 * Pcm.FRAME_SAMPLES];
        for (int i = 0; i < tone.size(); i++) {
            G711.PCMA.decode(tone.get(i).payload(), 0, Pcm.FRAME_SAMPLES, heard, i * Pcm.FRAME_SAMPLES);
        }

        assertThat(tone).allMatch(p -> p.payloadType() == 8 && p.ssrc() == before.ssrc());
        for (int i = 0; i < tone.size(); i++) {
            assertThat(tone.get(i).sequenceNumber()).isEqualTo((before.sequenceNumber() + 1 + i) & 0xFFFF);
            assertThat(tone.get(i).marker()).isEqualTo(i == 0);
            assertThat((tone.get(i).timestamp() - tone.get(0).timestamp()) & 0xFFFF_FFFFL).isEqualTo(160L * i);
        }
        double row = Tone.power(heard, 770);
        double column = Tone.power(heard, 1336);
        for (double other : new double[] {697, 852, 941, 1209, 1477, 1633}) {
            assertThat(Math.min(row, column)).as("5 is 770 + 1336 Hz, not %s Hz", other)
                    .isGreaterThan(50 * Tone.power(heard, other));
        }
        assertThat(f.legB.counters().sent()).isEqualTo(6);
    }

    @Test
    void waitsTheGapAskedForBetweenDigitsAndRelaysAudioDuringIt() {
        f.bridge(G711.PCMU, Optional.empty(), G711.PCMU, Optional.of(101));
        List<DtmfDigit> keys = List.of(new DtmfDigit('1', Duration.ofMillis(60)), new DtmfDigit('#', Duration.ofMillis(60)));

        assertThat(f.legB.sendDigits(keys, Duration.ofMillis(300))).contains(DigitSignal.TELEPHONE_EVENT);
        scheduler.advance(Duration.ofMillis(20 * 5));
        assertThat(f.legB.counters().sent()).as("3 updates and 3 end packets of '1'").isEqualTo(6);
        f.phoneA.send(audio(1, 160, 1, new byte[160]), f.legA.localAddress());
        Await.until("voice relayed in the gap", () -> f.legB.counters().sent() == 7);
        scheduler.advance(Duration.ofMillis(299));
        assertThat(f.legB.counters().sent()).isEqualTo(7);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(f.legB.counters().sent()).isEqualTo(8);

        List<Integer> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RtpPacket p = f.phoneB.receive();
            if (p.payloadType() == 101) {
                events.add(TelephoneEvent.parse(p.payload(), 0, p.payload().length).orElseThrow().event());
            }
        }
        assertThat(events).containsExactly(1, 1, 1, 1, 1, 1, 11);
    }

    @Test
    void aMutedLegIsHeardAsSilenceByTheOtherLegAndItsTapsButStillHears() {
        f.bridge(G711.PCMU, Optional.of(101), G711.PCMU, Optional.empty());
        List<short[]> tapped = new CopyOnWriteArrayList<>();
        f.legA.addTap(frame -> tapped.add(frame.clone()));
        byte[] voice = new byte[160];
        G711.PCMU.encode(Tone.sine(1000, 8000, 0, 160), 0, 160, voice, 0);

        f.legA.mute(true);
        f.phoneA.send(audio(1, 160, 1, voice), f.legA.localAddress());
        RtpPacket muted = f.phoneB.receive();
        f.phoneB.send(audio(1, 160, 2, voice), f.legB.localAddress());
        RtpPacket heardByMuted = f.phoneA.receive();
        f.legA.mute(false);
        f.phoneA.send(audio(2, 320, 1, voice), f.legA.localAddress());
        RtpPacket unmuted = f.phoneB.receive();
        Await.until("two frames tapped", () -> tapped.size() == 2);

        byte[] silence = new byte[160];
        java.util.Arrays.fill(silence, G711.PCMU.encode((short) 0));
        assertThat(muted.payload()).isEqualTo(silence);
        assertThat(muted.sequenceNumber() + 1 & 0xFFFF).isEqualTo(unmuted.sequenceNumber());
        assertThat(heardByMuted.payload()).isEqualTo(voice);
        assertThat(unmuted.payload()).isEqualTo(voice);
        assertThat(Tone.rms(tapped.get(0))).isZero();
        assertThat(Tone.rms(tapped.get(1))).isGreaterThan(1000);
    }

    @Test
    void refusesDigitsWithoutNegotiatedTelephoneEvents() {
        f.bridge(G711.PCMU, Optional.empty(), G711.PCMU, Optional.empty());

        assertThat(f.legB.sendDigit('1', Duration.ofMillis(100))).isFalse();
    }

    @Test
    void reportsADeadCallAfterTheConfiguredSilence() {
        f.bridge(G711.PCMU, Optional.empty(), G711.PCMU, Optional.empty());
        f.phoneA.send(audio(1, 160, 1, new byte[160]), f.legA.localAddress());
        Await.until("first packet", () -> f.legA.counters().received() == 1);

        f.legA.watchSilence(Duration.ofSeconds(5));
        scheduler.advance(Duration.ofSeconds(3));
        f.phoneA.send(audio(2, 320, 1, new byte[160]), f.legA.localAddress());
        Await.until("second packet", () -> f.legA.counters().received() == 2);
        scheduler.advance(Duration.ofMillis(4999));
        assertThat(f.heardA.timeouts).isEmpty();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(f.heardA.timeouts).containsExactly(Duration.ofSeconds(5));
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(f.heardA.timeouts).hasSize(1);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void doesNotCountSilenceWhileThePeerIsNotSending() {
        f.legA.negotiate(RtpSession.g711(G711.PCMU, Optional.empty(), f.phoneA.address())
                .withDirection(Direction.SENDONLY));
        f.legA.watchSilence(Duration.ofSeconds(5));

        scheduler.advance(Duration.ofSeconds(20));
        assertThat(f.heardA.timeouts).isEmpty();
        f.legA.negotiate(RtpSession.g711(G711.PCMU, Optional.empty(), f.phoneA.address()));
        scheduler.advance(Duration.ofSeconds(10));

        assertThat(f.heardA.timeouts).hasSize(1);
        assertThat(f.heardA.timeouts.get(0)).isLessThanOrEqualTo(Duration.ofSeconds(10));
        f.legA.stopWatchingSilence();
    }

    @Test
    void closeReleasesPortsAndStopsReceiving() throws Exception {
        f.bridge(G711.PCMU, Optional.empty(), G711.PCMU, Optional.empty());
        f.phoneA.send(audio(1, 160, 1, new byte[160]), f.legA.localAddress());
        f.phoneB.receive();
        RtpPorts portsA = f.legA.ports();
        assertThat(f.pool.available()).isEqualTo(f.pool.capacity() - 2);

        f.legA.close();
        f.legB.close();
        f.legA.close();

        Await.until("both legs' ports back", () -> f.pool.available() == f.pool.capacity());
        assertThat(f.legA.receiving()).isFalse();
        assertThat(f.legB.receiving()).isFalse();
        assertThat(f.reactor.attached()).isZero();
        try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), portsA.rtp()));
                DatagramSocket rtcp = new DatagramSocket(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), portsA.rtcp()))) {
            assertThat(rtp.isBound() && rtcp.isBound()).isTrue();
        }
        assertThat(f.legB.sendDigit('1', Duration.ofMillis(50))).isFalse();
    }

    @Test
    void manyCallsLeaveThePoolFull() {
        for (int i = 0; i < 40; i++) {
            RtpEndpoint a = f.open(clock, scheduler, MediaListener.NONE);
            RtpEndpoint b = f.open(clock, scheduler, MediaListener.NONE);
            RtpBridge.join(a, b).close();
            a.close();
            b.close();
        }

        Await.until("every call's ports back", () -> f.pool.available() == f.pool.capacity() - 2);
    }

    @Test
    void skipsPortsAnotherProgramHolds() throws Exception {
        io.ramal.media.rtp.RtpPortPool small = new io.ramal.media.rtp.RtpPortPool(47300, 47303);
        try (DatagramSocket squatter = new DatagramSocket(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 47301))) {
            assertThat(squatter.getLocalPort()).isEqualTo(47301);
            EndpointOpening o = RtpEndpoint.open(f.reactor, small, EndpointSettings.loopback(), clock, scheduler, MediaListener.NONE);
            assertThat(o).isInstanceOf(EndpointOpening.Opened.class);
            RtpEndpoint e = ((EndpointOpening.Opened) o).endpoint();
            assertThat(e.ports().rtp()).isEqualTo(47302);
            assertThat(RtpEndpoint.open(f.reactor, small, EndpointSettings.loopback(), clock, scheduler, MediaListener.NONE))
                    .isInstanceOf(EndpointOpening.NotOpened.class);
            e.close();
            Await.until("the pair back", () -> small.available() == 2);
        }
    }

    @Test
    void relaysBetweenAnIpv6LegAndAnIpv4Leg() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        EndpointOpening o = RtpEndpoint.open(f.reactor, f.pool, new EndpointSettings(v6, Duration.ofSeconds(2), 8), clock,
                scheduler, MediaListener.NONE);
        RtpEndpoint legV6 = ((EndpointOpening.Opened) o).endpoint();
        try (RtpPeer phoneV6 = new RtpPeer(v6)) {
            legV6.negotiate(RtpSession.of(new io.ramal.sip.sdp.NegotiatedAudio(
                    new io.ramal.sip.sdp.NegotiatedFormat("PCMA", 8000, 8, 8), Optional.empty(), Optional.empty(),
                    Optional.of("::1"), phoneV6.address().getPort(), false, phoneV6.address().getPort() + 1, Direction.SENDRECV, 20)));
            f.legA.negotiate(RtpSession.g711(G711.PCMU, Optional.empty(), f.phoneA.address()));
            RtpBridge.join(f.legA, legV6);

            f.phoneA.send(audio(1, 160, 1, new byte[] {(byte) 0xFF}), f.legA.localAddress());
            RtpPacket atV6 = phoneV6.receive();
            phoneV6.send(audio(8, 1, 160, 2, new byte[] {(byte) 0xD5}), legV6.localAddress());

            assertThat(atV6.payload()).as("mu-law silence as A-law").containsExactly(0xD5);
            assertThat(f.phoneA.receive().payload()).as("A-law +8 as mu-law +8").containsExactly(0xFE);
            assertThat(legV6.latchedSource()).contains(phoneV6.address());
        } finally {
            legV6.close();
        }
    }
}
