package io.ramal.media.relay;

import io.ramal.media.codec.G711;
import io.ramal.media.rtp.RtpPacket;
import io.ramal.media.rtp.RtpPortPool;
import io.ramal.sip.transaction.Scheduler;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Two endpoints on 127.0.0.1, each with a phone played by an {@link RtpPeer}: phone A talks to
 * leg A, phone B to leg B. The legs send no RTCP unless opened with {@link #open(InstantSource,
 * Scheduler, MediaListener, EndpointSettings)} (RtcpReporterTest does). Their sockets are read by
 * the fixture's own {@link MediaReactor}. Closes everything it opened.
 */
final class BridgeFixture implements AutoCloseable {
    final MediaReactor reactor = MediaReactor.start();
    final RtpPortPool pool = new RtpPortPool(47000, 47199);
    final RtpPeer phoneA = new RtpPeer();
    final RtpPeer phoneB = new RtpPeer();
    final RecordingListener heardA = new RecordingListener();
    final RecordingListener heardB = new RecordingListener();
    final RtpEndpoint legA;
    final RtpEndpoint legB;
    private final List<AutoCloseable> extra = new ArrayList<>();

    BridgeFixture(InstantSource clock, Scheduler scheduler) {
        legA = open(clock, scheduler, heardA);
        legB = open(clock, scheduler, heardB);
    }

    RtpEndpoint open(InstantSource clock, Scheduler scheduler, MediaListener listener) {
        return open(clock, scheduler, listener, EndpointSettings.loopback().withRtcpInterval(java.time.Duration.ZERO));
    }

    RtpEndpoint open(InstantSource clock, Scheduler scheduler, MediaListener listener, EndpointSettings settings) {
        EndpointOpening o = RtpEndpoint.open(reactor, pool, settings, clock, scheduler, listener);
        if (!(o instanceof EndpointOpening.Opened opened)) {
            throw new AssertionError("endpoint not opened: " + o);
        }
        extra.add(opened.endpoint());
        return opened.endpoint();
    }

    RtpPeer peer() {
        RtpPeer p = new RtpPeer();
        extra.add(p);
        return p;
    }

    /** Negotiates both legs (A with phone A, B with phone B) and bridges them. */
    RtpBridge bridge(G711 lawA, Optional<Integer> eventA, G711 lawB, Optional<Integer> eventB) {
        legA.negotiate(RtpSession.g711(lawA, eventA, phoneA.address()));
        legB.negotiate(RtpSession.g711(lawB, eventB, phoneB.address()));
        return RtpBridge.join(legA, legB);
    }

    static RtpPacket audio(int seq, long ts, long ssrc, byte[] payload) {
        return RtpPacket.of(false, 0, seq & 0xFFFF, ts, ssrc, payload);
    }

    static RtpPacket audio(int pt, int seq, long ts, long ssrc, byte[] payload) {
        return RtpPacket.of(false, pt, seq & 0xFFFF, ts, ssrc, payload);
    }

    @Override
    public void close() {
        for (AutoCloseable c : extra) {
            try {
                c.close();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        phoneA.close();
        phoneB.close();
        reactor.close();
    }
}
