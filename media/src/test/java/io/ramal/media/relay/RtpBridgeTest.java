package io.ramal.media.relay;

import static io.ramal.media.relay.BridgeFixture.audio;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.media.Pcm;
import io.ramal.media.codec.G711;
import io.ramal.media.dtmf.DtmfDigit;
import io.ramal.media.dtmf.TelephoneEvent;
import io.ramal.media.dtmf.TelephoneEventGenerator;
import io.ramal.media.rtp.RtpPacket;
import io.ramal.sip.transaction.Scheduler;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RtpBridgeTest {
    static final Scheduler NO_TIMERS = (delay, task) -> Scheduler.Cancellable.NONE;

    final BridgeFixture f = new BridgeFixture(InstantSource.system(), NO_TIMERS);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void relaysAudioBothWaysAfterLatching() {
        f.bridge(G711.PCMU, Optional.empty(), G711.PCMU, Optional.empty());
        byte[] hello = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] back = {9, 10, 11, 12};

        f.phoneA.send(audio(100, 16_000, 0xA, hello), f.legA.localAddress());
        RtpPacket atB = f.phoneB.receive();
        f.phoneB.send(audio(500, 80_000, 0xB, back), f.legB.localAddress());
        RtpPacket atA = f.phoneA.receive();

        assertThat(atB.payload()).isEqualTo(hello);
        assertThat(atB.payloadType()).isZero();
        assertThat(atB.ssrc()).isEqualTo(f.legB.ssrc());
        assertThat(atA.payload()).isEqualTo(back);
        assertThat(atA.ssrc()).isEqualTo(f.legA.ssrc());
        assertThat(f.legA.latchedSource()).contains(f.phoneA.address());
        RtpCounters oneEachWay = new RtpCounters(1, 0, 0, 1, 0, 0);
        Await.until("counters settle", () -> f.legA.counters().equals(oneEachWay) && f.legB.counters().equals(oneEachWay));
        assertThat(f.legA.lastReceivedAt()).isPresent();
    }

    @Test
    void transcodesMuLawToALawAndBackKeepingTheTone() {
        f.bridge(G711.PCMU, Optional.empty(), G711.PCMA, Optional.empty());

        short[] atB = sendTone(f.phoneA, f.legA, G711.PCMU, 1000, f.phoneB, G711.PCMA, 8);
        short[] atA = sendTone(f.phoneB, f.legB, G711.PCMA, 697, f.phoneA, G711.PCMU, 0);

        assertTone(atB, 1000);
        assertTone(atA, 697);
    }

    /** Sends 25 frames of a sine encoded in {@code law}; returns what the far phone decoded. */
    static short[] sendTone(RtpPeer from, RtpEndpoint to, G711 law, double hz, RtpPeer far, G711 farLaw, int farPt) {
        int frames = 25;
        short[] heard = new short[frames * Pcm.FRAME_SAMPLES];
        for (int i = 0; i < frames; i++) {
            short[] pcm = Tone.sine(hz, 8000, i * Pcm.FRAME_SAMPLES, Pcm.FRAME_SAMPLES);
            byte[] payload = new byte[Pcm.FRAME_SAMPLES];
            law.encode(pcm, 0, pcm.length, payload, 0);
            from.send(audio(law.staticPayloadType(), i, i * 160L, 0x77, payload), to.localAddress());
            RtpPacket p = far.receive();
            assertThat(p.payloadType()).isEqualTo(farPt);
            farLaw.decode(p.payload(), 0, Pcm.FRAME_SAMPLES, heard, i * Pcm.FRAME_SAMPLES);
        }
        return heard;
    }

    static void assertTone(short[] heard, double hz) {
        double tone = Tone.power(heard, hz);
        assertThat(tone).isGreaterThan(100 * Tone.power(heard, hz * 1.3));
        assertThat(tone).isGreaterThan(100 * Tone.power(heard, hz * 0.7));
        assertThat(Tone.rms(heard)).isCloseTo(8000 / Math.sqrt(2), org.assertj.core.data.Percentage.withPercentage(3));
    }

    @Test
    void keepsOneContinuousStreamWhenTheSourceSwitchesToMusicAndBack() {
        f.bridge(G711.PCMU, Optional.empty(), G711.PCMU, Optional.empty());
        byte[] voice = new byte[160];
        List<RtpPacket> heard = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            f.phoneA.send(audio(1000 + i, 5000 + 160L * i, 0xA1, voice), f.legA.localAddress());
            heard.add(f.phoneB.receive());
        }
        f.legB.feed(Feed.FRAMES);
        f.phoneA.send(audio(1010, 6600, 0xA1, voice), f.legA.localAddress());
        Await.until("the held party's packet reached leg A", () -> f.legA.counters().received() == 11);
        for (int i = 0; i < 10; i++) {
            f.legB.outbound().write(Tone.sine(440, 3000, i * 160, 160));
            heard.add(f.phoneB.receive());
        }
        f.legB.feed(Feed.RELAY);
        f.legB.outbound().write(Pcm.silence());
        for (int i = 0; i < 10; i++) {
            f.phoneA.send(audio(9 + i, 777_000 + 160L * i, 0xA2, voice), f.legA.localAddress());
            heard.add(f.phoneB.receive());
        }

        assertThat(heard).hasSize(30);
        assertThat(heard).allMatch(p -> p.ssrc() == f.legB.ssrc());
        for (int i = 1; i < heard.size(); i++) {
            RtpPacket prev = heard.get(i - 1);
            RtpPacket p = heard.get(i);
            assertThat(p.sequenceNumber()).as("packet %d", i).isEqualTo((prev.sequenceNumber() + 1) & 0xFFFF);
            long step = (p.timestamp() - prev.timestamp()) & 0xFFFF_FFFFL;
            assertThat(step).as("timestamp step at %d", i).isBetween(160L, 160L * 500);
            assertThat(p.marker()).as("marker at %d", i).isEqualTo(i == 10 || i == 20);
            if (i != 10 && i != 20) {
                assertThat(step).isEqualTo(160);
            }
        }
        assertThat(heard.get(15).payload()).as("music, not voice").isNotEqualTo(voice);
    }

    @Test
    void relaysTelephoneEventsUnderTheOtherLegsPayloadTypeAndDetectsEachDigitOnce() {
        f.bridge(G711.PCMU, Optional.of(101), G711.PCMA, Optional.of(96));
        List<RtpPacket> press5 = TelephoneEventGenerator.packets('5', Duration.ofMillis(100), 101, 0xD, 200, 8000);
        List<RtpPacket> pressHash = TelephoneEventGenerator.packets('#', Duration.ofMillis(60), 101, 0xD, 220, 16000);
        List<RtpPacket> sent = new ArrayList<>();
        sent.add(press5.get(0));
        sent.addAll(press5);
        sent.add(press5.get(press5.size() - 1));
        sent.addAll(pressHash);

        for (RtpPacket p : sent) {
            f.phoneA.send(p, f.legA.localAddress());
        }
        List<RtpPacket> atB = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            atB.add(f.phoneB.receive());
        }

        Await.until("two digits", () -> f.heardA.digits.size() >= 2);
        f.phoneA.send(audio(300, 30_000, 0xD, new byte[160]), f.legA.localAddress());
        f.phoneB.receive();
        assertThat(f.heardA.digits).containsExactly(
                new DtmfDigit('5', Duration.ofMillis(100)), new DtmfDigit('#', Duration.ofMillis(60)));
        assertThat(atB).allMatch(p -> p.payloadType() == 96);
        assertThat(atB.get(0).payload()).isEqualTo(new TelephoneEvent(5, false, 10, 160).toBytes());
        assertThat(f.heardB.digits).isEmpty();
    }

    @Test
    void dropsTelephoneEventsTheOtherLegDidNotNegotiate() {
        f.bridge(G711.PCMU, Optional.of(101), G711.PCMU, Optional.empty());

        for (RtpPacket p : TelephoneEventGenerator.packets('1', Duration.ofMillis(40), 101, 0xD, 1, 800)) {
            f.phoneA.send(p, f.legA.localAddress());
        }
        f.phoneA.send(audio(10, 1600, 0xD, new byte[] {42}), f.legA.localAddress());

        assertThat(f.phoneB.receive().payload()).containsExactly(42);
        assertThat(f.heardA.digits).extracting(DtmfDigit::digit).containsExactly('1');
    }

    @Test
    void relaysAThousandPacketsInOrderWithoutLoss() {
        f.bridge(G711.PCMU, Optional.empty(), G711.PCMA, Optional.empty());
        byte[] payload = new byte[160];
        int window = 100;
        int lastSeq = -1;
        for (int base = 0; base < 1000; base += window) {
            for (int i = base; i < base + window; i++) {
                payload[0] = (byte) (i >> 8);
                payload[1] = (byte) i;
                f.phoneA.send(audio(i, 160L * i, 0x55, payload), f.legA.localAddress());
            }
            for (int i = base; i < base + window; i++) {
                RtpPacket p = f.phoneB.receive();
                byte[] expected = new byte[2];
                G711.PCMU.transcode(new byte[] {(byte) (i >> 8), (byte) i}, 0, 2, G711.PCMA, expected, 0);
                assertThat(new byte[] {p.payload()[0], p.payload()[1]}).as("packet %d", i).isEqualTo(expected);
                if (lastSeq >= 0) {
                    assertThat(p.sequenceNumber()).isEqualTo((lastSeq + 1) & 0xFFFF);
                }
                lastSeq = p.sequenceNumber();
            }
        }

        assertThat(f.legA.counters().received()).isEqualTo(1000);
        Await.until("all counted as sent", () -> f.legB.counters().sent() == 1000);
    }

    @Test
    void closingTheBridgeStopsTheRelay() {
        RtpBridge bridge = f.bridge(G711.PCMU, Optional.empty(), G711.PCMU, Optional.empty());
        bridge.close();

        f.phoneA.send(audio(1, 160, 1, new byte[160]), f.legA.localAddress());
        Await.until("leg A received", () -> f.legA.counters().received() == 1);

        assertThat(f.legB.counters().sent()).isZero();
    }
}
