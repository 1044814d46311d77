package io.ramal.media.relay;

import io.ramal.media.rtcp.NtpTimestamp;
import io.ramal.media.rtcp.PeerReport;
import io.ramal.media.rtcp.ReceptionStatistics;
import io.ramal.media.rtcp.ReportBlock;
import io.ramal.media.rtcp.RtcpCompound;
import io.ramal.media.rtcp.RtcpPacket;
import io.ramal.media.rtcp.StreamQuality;
import io.ramal.media.rtp.RtpHeader;
import io.ramal.sip.transaction.Scheduler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One leg's RTCP (RFC 3550 §6): measures the stream the peer sends us, sends a compound report
 * (a sender report when we sent RTP since the previous one, else a receiver report; then SDES
 * with our CNAME; a BYE when the leg closes) at randomised intervals, and reads the peer's
 * reports — its sender reports for LSR/DLSR, its report blocks about our SSRC for the loss, jitter
 * and round-trip time it sees. Reports go on the RTP port when rtcp-mux was agreed, else to where
 * the peer's RTCP comes from (symmetric RTCP, RFC 4961), else to the RTCP port its SDP gave. Only
 * RTCP from the address our RTP is latched to (or expected from) is believed. Thread-safe: the
 * receiving loop and the scheduler meet under one lock; a report is built under it into the
 * sending thread's {@link Outgoing} buffer and sent after it is let go (non-blocking).
 */
final class RtcpReporter {
    private static final System.Logger LOG = System.getLogger(RtcpReporter.class.getName());
    private static final int CLOCK_RATE = 8000;

    private final RtpEndpoint owner;
    private final SendPath sendPath;
    private final DatagramChannel rtpChannel;
    private final DatagramChannel rtcpChannel;
    private final Scheduler scheduler;
    private final InstantSource clock;
    private final Duration interval;
    private final String cname;
    private final SplittableRandom random = new SplittableRandom(ThreadLocalRandom.current().nextLong());

    // guarded by this
    private final ReceptionStatistics reception = new ReceptionStatistics(CLOCK_RATE);
    private Scheduler.Cancellable pending = Scheduler.Cancellable.NONE;
    private boolean started;
    private boolean stopped;
    private long sentAtLastReport;
    private long reportsReceived;
    private PeerReport peer;
    private Duration worstRoundTrip;
    private InetSocketAddress peerRtcpSource;
    private final AtomicLong reportsSent = new AtomicLong();

    RtcpReporter(RtpEndpoint owner, SendPath sendPath, DatagramChannel rtpChannel, DatagramChannel rtcpChannel,
            Scheduler scheduler, InstantSource clock, Duration interval) {
        this.owner = owner;
        this.sendPath = sendPath;
        this.rtpChannel = rtpChannel;
        this.rtcpChannel = rtcpChannel;
        this.scheduler = scheduler;
        this.clock = clock;
        this.interval = interval;
        byte[] id = new byte[12];
        ThreadLocalRandom.current().nextBytes(id);
        this.cname = "ramal-" + HexFormat.of().formatHex(id); // RFC 7022: a random, short-term CNAME
    }

    /** Starts reporting: the first report after half an interval (§6.2), randomised. */
    synchronized void start() {
        if (started || stopped || interval.isZero()) {
            return;
        }
        started = true;
        pending = scheduler.schedule(nextInterval().dividedBy(2), this::tick);
    }

    /** Stops reporting; with {@code bye}, a last report and a BYE go out first (§6.6). */
    void stop(boolean bye) {
        DatagramChannel via = null;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            pending.cancel();
            pending = Scheduler.Cancellable.NONE;
            if (bye && started) {
                via = stage(true);
            }
        }
        send(via);
    }

    /** One RTP packet the leg accepted (receiving loop). */
    synchronized void rtpReceived(RtpHeader h, boolean timed, Instant arrival) {
        long micros = arrival.getEpochSecond() * 1_000_000L + arrival.getNano() / 1_000;
        reception.received(h.ssrc(), h.sequenceNumber(), h.timestamp(), micros, timed);
    }

    /**
     * One RTCP datagram, on the RTCP port or ({@code muxed}) the RTP port. Returns whether it was
     * a well-formed compound; one from a source other than the leg's peer is then ignored.
     */
    boolean rtcpReceived(byte[] buf, int length, InetAddress from, int fromPort, boolean muxed) {
        Optional<RtcpCompound> compound = RtcpCompound.parse(buf, 0, length);
        if (compound.isEmpty()) {
            return false;
        }
        if (!fromPeer(from)) {
            return true;
        }
        NtpTimestamp arrival = NtpTimestamp.of(clock.instant());
        synchronized (this) {
            long ours = owner.ssrc();
            for (RtcpPacket p : compound.get().packets()) {
                switch (p) {
                    case RtcpPacket.SenderReport sr -> {
                        reception.senderReport(sr.ssrc(), sr.ntp(), arrival);
                        blocks(sr.blocks(), ours, arrival);
                    }
                    case RtcpPacket.ReceiverReport rr -> blocks(rr.blocks(), ours, arrival);
                    default -> { }
                }
            }
            reportsReceived++;
            if (!muxed) {
                peerRtcpSource = new InetSocketAddress(from, fromPort);
            }
        }
        return true;
    }

    synchronized StreamQuality quality() {
        return new StreamQuality(sendPath.sent(), sendPath.octets(), reception.packetsReceived(),
                reception.packetsLost(), reception.packetsLate(), Duration.ofNanos(reception.jitter() * 1_000_000_000L / CLOCK_RATE),
                reportsSent.get(), reportsReceived, Optional.ofNullable(peer), Optional.ofNullable(worstRoundTrip));
    }

    private void blocks(List<ReportBlock> blocks, long ours, NtpTimestamp arrival) {
        for (ReportBlock b : blocks) {
            if (b.ssrc() == ours) {
                peer = PeerReport.of(b, arrival, CLOCK_RATE);
                peer.roundTrip().ifPresent(rtt -> {
                    if (worstRoundTrip == null || rtt.compareTo(worstRoundTrip) > 0) {
                        worstRoundTrip = rtt;
                    }
                });
            }
        }
    }

    private boolean fromPeer(InetAddress from) {
        Optional<InetSocketAddress> latched = owner.latchedSource();
        if (latched.isPresent()) {
            return latched.get().getAddress().equals(from);
        }
        RtpSession s = owner.currentSession();
        return s == null || s.expectedSource().map(from::equals).orElse(true);
    }

    private void tick() {
        DatagramChannel via;
        synchronized (this) {
            if (stopped) {
                return;
            }
            via = stage(false);
            pending = scheduler.schedule(nextInterval(), this::tick);
        }
        send(via);
    }

    private Duration nextInterval() {
        long millis = interval.toMillis();
        return Duration.ofMillis(millis / 2 + random.nextLong(Math.max(1, millis)));
    }

    /**
     * Builds one compound report into this thread's {@link Outgoing} buffer; runs under the lock.
     * Returns the channel to send it on, or null when there is no report to send yet.
     */
    private DatagramChannel stage(boolean bye) {
        RtpSession s = owner.currentSession();
        if (s == null) {
            return null;
        }
        DatagramChannel via = s.rtcpMux() ? rtpChannel : rtcpChannel;
        InetSocketAddress to = s.rtcpMux() ? owner.destination(s) : rtcpDestination(s);
        if (to == null) {
            return null;
        }
        Instant now = clock.instant();
        NtpTimestamp ntp = NtpTimestamp.of(now);
        long ssrc = owner.ssrc();
        List<ReportBlock> blocks = reception.report(ntp).map(List::of).orElse(List.of());
        Optional<SendPath.SenderInfo> sender = sendPath.senderInfo(now.toEpochMilli());
        RtcpPacket report;
        if (sender.isPresent() && sender.get().packets() > sentAtLastReport) {
            SendPath.SenderInfo info = sender.get();
            report = new RtcpPacket.SenderReport(ssrc, ntp, info.rtpTimestamp(), info.packets() & 0xFFFF_FFFFL,
                    info.octets() & 0xFFFF_FFFFL, blocks);
            sentAtLastReport = info.packets();
        } else {
            report = new RtcpPacket.ReceiverReport(ssrc, blocks);
        }
        RtcpCompound compound = bye
                ? RtcpCompound.of(report, new RtcpPacket.SourceDescription(ssrc, Optional.of(cname)),
                        new RtcpPacket.Goodbye(List.of(ssrc), Optional.empty()))
                : RtcpCompound.of(report, new RtcpPacket.SourceDescription(ssrc, Optional.of(cname)));
        Outgoing out = Outgoing.current();
        out.stage(compound.writeTo(out.bytes, 0), to);
        return via;
    }

    /** Sends the report this thread staged (outside the lock). */
    private void send(DatagramChannel via) {
        if (via == null) {
            return;
        }
        Outgoing out = Outgoing.current();
        InetSocketAddress to = out.destination();
        try {
            switch (out.send(via)) {
                case SENT -> reportsSent.incrementAndGet();
                case DROPPED -> owner.sendDropped();
                case NOTHING -> { }
            }
        } catch (IOException e) {
            if (!owner.isClosed()) {
                LOG.log(System.Logger.Level.DEBUG, "RTCP send to " + to + " failed", e);
            }
        }
    }

    /** Where the peer's RTCP came from, else its SDP's RTCP port at the address its RTP is latched to. */
    private InetSocketAddress rtcpDestination(RtpSession s) {
        if (peerRtcpSource != null) {
            return peerRtcpSource;
        }
        if (s.remoteRtcp().isEmpty()) {
            return null;
        }
        InetSocketAddress sdp = s.remoteRtcp().get();
        return owner.latchedSource().map(l -> new InetSocketAddress(l.getAddress(), sdp.getPort())).orElse(sdp);
    }
}
