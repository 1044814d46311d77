package io.ramal.media.relay;

import io.ramal.media.FrameSink;
import io.ramal.media.dtmf.DtmfDigit;
import io.ramal.media.dtmf.TelephoneEvent;
import io.ramal.media.dtmf.TelephoneEventDetector;
import io.ramal.media.rtcp.StreamQuality;
import io.ramal.media.rtp.PortAllocation;
import io.ramal.media.rtp.Rtcp;
import io.ramal.media.rtp.RtpHeader;
import io.ramal.media.rtp.RtpParseResult;
import io.ramal.media.rtp.RtpPortPool;
import io.ramal.media.rtp.RtpPorts;
import io.ramal.sip.transaction.Scheduler;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One leg's media anchor: a UDP socket pair (RTP on an even port of the pool, RTCP on the next)
 * owned by one call leg, both non-blocking channels read by one loop of the {@link MediaReactor},
 * which handles each datagram on its thread (nothing on that path blocks). Received RTP is validated
 * (version 2, header, size, negotiated payload type), admitted by the {@link SourceLatch}, then
 * relayed to the bridged leg, fed to the DTMF detector and, decoded, to the PCM taps. What the leg
 * sends comes from its {@link Feed}: relayed packets, PCM frames written to {@link #outbound()},
 * or nothing; generated digits pre-empt both. Everything sent goes through one {@link
 * OutboundStream} under a lock, so the peer sees one SSRC with continuous numbering. RTCP (on the
 * RTCP port, or demultiplexed from the RTP port under rtcp-mux) is counted and read, and the leg
 * sends its own reports from its first negotiation to its close ({@link RtcpReporter}); what both
 * sides measured is the leg's {@link #quality()}.
 */
public final class RtpEndpoint implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RtpEndpoint.class.getName());
    private static final int SOCKET_BUFFER = 256 * 1024;
    static final long NEVER = Long.MIN_VALUE;

    private final RtpPortPool pool;
    private final RtpPorts ports;
    private final DatagramChannel rtpChannel;
    private final DatagramChannel rtcpChannel;
    private final MediaReactor reactor;
    private final EndpointSettings settings;
    private final InstantSource clock;
    private final MediaListener listener;
    private final Taps taps = new Taps();
    private final SilenceWatch silence;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong droppedMalformed = new AtomicLong();
    private final AtomicLong droppedForeign = new AtomicLong();
    private final AtomicLong rtcpReceived = new AtomicLong();
    private final AtomicLong sendsDropped = new AtomicLong();
    private volatile DatagramLoop.Attachment attachment;

    private volatile RtpSession session;
    private volatile SourceLatch latch;
    private volatile Feed feed = Feed.RELAY;
    private volatile RtpEndpoint relayTarget;
    private volatile long lastReceivedMillis = NEVER;
    private volatile boolean muted;

    // receiving loop only
    private TelephoneEventDetector detector;
    private long detectorSsrc = -1;

    private final SendPath sendPath;
    private final FrameSink outbound;
    private final RtcpReporter rtcp;

    private RtpEndpoint(MediaReactor reactor, RtpPortPool pool, RtpPorts ports, DatagramChannel rtp,
            DatagramChannel rtcp, EndpointSettings settings, InstantSource clock, Scheduler scheduler,
            MediaListener listener) {
        this.reactor = reactor;
        this.pool = pool;
        this.ports = ports;
        this.rtpChannel = rtp;
        this.rtcpChannel = rtcp;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
        this.sendPath = new SendPath(this, rtp, clock, scheduler);
        this.outbound = sendPath::frame;
        this.rtcp = new RtcpReporter(this, sendPath, rtp, rtcp, scheduler, clock, settings.rtcpInterval());
        this.latch = new SourceLatch(null, settings.relatchAfterSilence().toMillis());
        this.silence = new SilenceWatch(scheduler, clock, () -> lastReceivedMillis, this::expectingRtp,
                listener::rtpTimedOut);
    }

    /**
     * Takes a port pair from {@code pool}, binds both sockets on the settings' address and starts
     * receiving on one of the {@code reactor}'s loops. A pair another program holds is given back
     * and the next one tried.
     */
    public static EndpointOpening open(MediaReactor reactor, RtpPortPool pool, EndpointSettings settings,
            InstantSource clock, Scheduler scheduler, MediaListener listener) {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(listener, "listener");
        String failure = "no attempt";
        for (int attempt = 0; attempt < settings.bindAttempts(); attempt++) {
            PortAllocation a = pool.allocate();
            if (a instanceof PortAllocation.Exhausted e) {
                return new EndpointOpening.NotOpened("RTP port pool exhausted (" + e.capacity() + " pairs)");
            }
            RtpPorts p = ((PortAllocation.Allocated) a).ports();
            DatagramChannel rtp = null;
            DatagramChannel rtcp = null;
            try {
                rtp = bind(settings.bindAddress(), p.rtp());
                rtcp = bind(settings.bindAddress(), p.rtcp());
                RtpEndpoint e = new RtpEndpoint(reactor, pool, p, rtp, rtcp, settings, clock, scheduler, listener);
                e.attachment = reactor.attach(List.of(rtp, rtcp), List.of(e::rtpDatagram, e::rtcpDatagram));
                return new EndpointOpening.Opened(e);
            } catch (BindException e) {
                failure = "ports " + p.rtp() + "/" + p.rtcp() + " taken: " + e.getMessage();
            } catch (IOException e) {
                failure = "cannot bind " + settings.bindAddress() + ":" + p.rtp() + ": " + e.getMessage();
            } catch (ClosedSelectorException e) {
                closeQuietly(rtp);
                closeQuietly(rtcp);
                pool.release(p);
                return new EndpointOpening.NotOpened("media I/O stopped");
            }
            closeQuietly(rtp);
            closeQuietly(rtcp);
            pool.release(p);
        }
        return new EndpointOpening.NotOpened(failure);
    }

    /** A non-blocking channel bound to {@code address:port}, with a receive buffer for bursts. */
    private static DatagramChannel bind(InetAddress address, int port) throws IOException {
        DatagramChannel c = DatagramChannel.open();
        try {
            c.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            c.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
            c.bind(new InetSocketAddress(address, port));
            c.configureBlocking(false);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static void closeQuietly(DatagramChannel c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing an unused media channel failed", e);
        }
    }

    /** Our RTP address, for the SDP we send on this leg. */
    public InetSocketAddress localAddress() {
        return new InetSocketAddress(settings.bindAddress(), ports.rtp());
    }

    public RtpPorts ports() {
        return ports;
    }

    /**
     * Applies what offer/answer settled (first answer, re-INVITE, hold). Latching starts over when
     * the expected source or the remote address changed; otherwise the latched source is kept.
     */
    public void negotiate(RtpSession newSession) {
        Objects.requireNonNull(newSession, "session");
        RtpSession old = session;
        if (old == null || !old.expectedSource().equals(newSession.expectedSource())
                || !old.remote().equals(newSession.remote())) {
            latch = new SourceLatch(newSession.expectedSource().orElse(null), settings.relatchAfterSilence().toMillis());
        }
        session = newSession;
        if (old == null) {
            rtcp.start();
        }
    }

    public Optional<RtpSession> session() {
        return Optional.ofNullable(session);
    }

    /** Chooses what this leg sends: relayed audio, frames written to {@link #outbound()}, or nothing. */
    public void feed(Feed newFeed) {
        feed = Objects.requireNonNull(newFeed, "feed");
    }

    public Feed feed() {
        return feed;
    }

    /**
     * Where a player, music on hold or a conference mix writes 20 ms PCM frames for this leg. Each
     * frame is encoded in the negotiated law and sent at once (the writer keeps the 20 ms clock).
     * Frames are dropped unless the feed is {@link Feed#FRAMES}.
     */
    public FrameSink outbound() {
        return outbound;
    }

    /** Attaches a tap that receives this leg's incoming audio as PCM frames; close to detach. */
    public AutoCloseable addTap(FrameSink tap) {
        Objects.requireNonNull(tap, "tap");
        taps.add(tap);
        return () -> taps.remove(tap);
    }

    /**
     * Queues a digit to send as RFC 4733 events (after any digit already queued). False when the
     * leg has no negotiated telephone-event or is closed. Call from the scheduler's executor.
     */
    public boolean sendDigit(char digit, Duration duration) {
        RtpSession s = session;
        if (closed.get() || s == null || s.telephoneEvent().isEmpty()) {
            return false;
        }
        DtmfDigit d = new DtmfDigit(digit, duration);
        sendPath.enqueueDigit(d, DigitSignal.TELEPHONE_EVENT, DigitSender.GAP);
        return true;
    }

    /**
     * Queues key presses to send into this leg, each followed by {@code gap}: as RFC 4733 events
     * when the leg negotiated telephone-event, otherwise as in-band dual tones in its G.711 law
     * (so a phone or IVR without telephone-event still hears them). Empty, and nothing queued, when
     * the leg is closed, has no session yet, or receives nothing (its phone holds the call). Call
     * from the scheduler's executor.
     */
    public Optional<DigitSignal> sendDigits(List<DtmfDigit> digits, Duration gap) {
        Objects.requireNonNull(digits, "digits");
        Objects.requireNonNull(gap, "gap");
        RtpSession s = session;
        if (closed.get() || s == null || !s.direction().sends()) {
            return Optional.empty();
        }
        DigitSignal signal = s.telephoneEvent().isPresent() ? DigitSignal.TELEPHONE_EVENT : DigitSignal.IN_BAND;
        for (DtmfDigit d : digits) {
            sendPath.enqueueDigit(d, signal, gap);
        }
        return Optional.of(signal);
    }

    /**
     * Mutes what this leg's phone says: its audio still arrives and keeps the stream alive, but
     * the bridged leg and every tap (recorder, mixer) get silence in its place. Telephone-events
     * are not audio and still pass. Any thread.
     */
    public void mute(boolean mute) {
        muted = mute;
    }

    public boolean muted() {
        return muted;
    }

    /**
     * Starts (or restarts) the dead-call watch: the listener hears {@code rtpTimedOut} once when no
     * RTP arrived for {@code limit}. Call from the scheduler's executor.
     */
    public void watchSilence(Duration limit) {
        silence.start(limit);
    }

    public void stopWatchingSilence() {
        silence.stop();
    }

    /** When the last valid packet arrived, if any. */
    public Optional<Instant> lastReceivedAt() {
        long t = lastReceivedMillis;
        return t == NEVER ? Optional.empty() : Optional.of(Instant.ofEpochMilli(t));
    }

    /** The source this leg latched to (where it sends), if any packet was accepted yet. */
    public Optional<InetSocketAddress> latchedSource() {
        return Optional.ofNullable(latch.latched());
    }

    public RtpCounters counters() {
        return new RtpCounters(received.get(), droppedMalformed.get(), droppedForeign.get(), sendPath.sent(),
                rtcpReceived.get(), sendsDropped.get());
    }

    /**
     * The media quality of this leg so far: what we sent, what we measured of what we received,
     * and what the peer's RTCP said of what we sent. Any thread.
     */
    public StreamQuality quality() {
        return rtcp.quality();
    }

    /** The SSRC of the stream this leg sends. */
    public long ssrc() {
        return sendPath.ssrc();
    }

    /** Packets a tap threw on (the tap was skipped for that frame). */
    public long tapFailures() {
        return taps.failures();
    }

    void relayTo(RtpEndpoint target) {
        relayTarget = target;
    }

    RtpEndpoint relayTarget() {
        return relayTarget;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Whether the endpoint's channels are still read by its loop (tests). */
    boolean receiving() {
        DatagramLoop.Attachment a = attachment;
        return a != null && a.isOpen() && (rtpChannel.isOpen() || rtcpChannel.isOpen());
    }

    /**
     * Unjoins the bridge, cancels timers, sends the last RTCP report, stops receiving, closes both
     * sockets, and returns at once: the ports go back to the pool on the endpoint's loop once the
     * kernel has let go of them (the loop's next selection), so a SIP shard never waits for media.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RtpEndpoint peer = relayTarget;
        relayTarget = null;
        if (peer != null && peer.relayTarget == this) {
            peer.relayTarget = null;
        }
        silence.stop();
        rtcp.stop(true);
        sendPath.close();
        attachment.close(() -> pool.release(ports));
    }

    /** A datagram or send the full send buffer could not take (any thread). */
    void sendDropped() {
        sendsDropped.incrementAndGet();
        reactor.sendDropped();
    }

    // ---- receiving (on the endpoint's loop) ----

    /** One datagram on the RTP port. */
    private void rtpDatagram(byte[] buf, int length, InetSocketAddress from) {
        try {
            inbound(buf, length, from.getAddress(), from.getPort());
        } catch (RuntimeException e) {
            // a defect in handling one packet must not silence the leg: the loop logs it and goes on
            droppedMalformed.incrementAndGet();
            throw e;
        }
    }

    /** One datagram on the RTCP port. */
    private void rtcpDatagram(byte[] buf, int length, InetSocketAddress from) {
        rtcpInbound(buf, length, from.getAddress(), from.getPort(), false);
    }

    /** One datagram on the RTP port (receiving loop). */
    void inbound(byte[] buf, int length, InetAddress from, int fromPort) {
        if (length <= RtpHeader.MAX_PACKET && Rtcp.isRtcp(buf, 0, length)) {
            rtcpInbound(buf, length, from, fromPort, true);
            return;
        }
        RtpSession s = session;
        RtpParseResult parsed = RtpHeader.parse(buf, 0, length);
        PayloadKind kind = null;
        if (s != null && parsed instanceof RtpHeader h) {
            kind = s.kindOf(h.payloadType());
        }
        if (kind == null) {
            droppedMalformed.incrementAndGet();
            return;
        }
        RtpHeader h = (RtpHeader) parsed;
        Instant arrival = clock.instant();
        long now = arrival.toEpochMilli();
        if (latch.admit(from, fromPort, h.ssrc(), now) == SourceLatch.Verdict.FOREIGN) {
            droppedForeign.incrementAndGet();
            return;
        }
        received.incrementAndGet();
        lastReceivedMillis = now;
        rtcp.rtpReceived(h, kind == PayloadKind.AUDIO, arrival);
        if (muted && kind == PayloadKind.AUDIO) {
            Arrays.fill(buf, h.payloadOffset(), h.payloadOffset() + h.payloadLength(), s.codec().encode((short) 0));
        }
        RtpEndpoint target = relayTarget;
        if (target != null) {
            target.sendPath.relay(this, s.codec(), kind, h, buf);
        }
        switch (kind) {
            case AUDIO -> {
                detectorFor(h.ssrc()).onAudio(h.timestamp());
                taps.audio(s.codec(), buf, h.payloadOffset(), h.payloadLength());
            }
            case EVENT -> TelephoneEvent.parse(buf, h.payloadOffset(), h.payloadLength())
                    .ifPresent(e -> detectorFor(h.ssrc()).onEvent(h.timestamp(), e));
            case NOISE -> {}
        }
    }

    /** One RTCP datagram, on the RTCP port or demultiplexed from the RTP port (receiving loop). */
    private void rtcpInbound(byte[] buf, int length, InetAddress from, int fromPort, boolean muxed) {
        boolean valid;
        try {
            valid = rtcp.rtcpReceived(buf, length, from, fromPort, muxed);
        } catch (RuntimeException e) {
            valid = false;
            LOG.log(System.Logger.Level.ERROR, "RTCP packet handling failed on port " + ports.rtcp(), e);
        }
        (valid ? rtcpReceived : droppedMalformed).incrementAndGet();
    }

    private TelephoneEventDetector detectorFor(long ssrc) {
        if (detector == null || ssrc != detectorSsrc) {
            if (detector != null) {
                detector.flush();
            }
            detector = new TelephoneEventDetector(this::digitDetected);
            detectorSsrc = ssrc;
        }
        return detector;
    }

    private void digitDetected(DtmfDigit d) {
        try {
            listener.digitDetected(d);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "media listener failed on a digit", e);
        }
    }

    private boolean expectingRtp() {
        RtpSession s = session;
        return s == null || s.direction().receives();
    }

    // ---- sending (see SendPath) ----

    RtpSession currentSession() {
        return session;
    }

    Feed currentFeed() {
        return feed;
    }

    /** Where this leg sends: the latched source, else the address offer/answer gave. */
    InetSocketAddress destination(RtpSession s) {
        InetSocketAddress l = latch.latched();
        return l != null ? l : s.remote().orElse(null);
    }
}
