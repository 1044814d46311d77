package io.ramal.media.relay;

import io.ramal.media.codec.G711;
import io.ramal.media.dtmf.DtmfDigit;
import io.ramal.media.dtmf.TelephoneEvent;
import io.ramal.media.rtp.RtpHeader;
import io.ramal.sip.transaction.Scheduler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.InstantSource;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything a leg sends, from three kinds of callers: the bridged leg's receiving thread
 * (relayed packets, on a {@link DatagramLoop}), the writer of PCM frames (player, music, mixer)
 * and the scheduler (generated digits). One lock serialises them around the {@link
 * OutboundStream}; a digit in progress holds the other feeds back. Each packet is written under
 * the lock into the calling thread's {@link Outgoing} buffer and sent after the lock is let go, on
 * the leg's non-blocking channel: nothing here blocks, and a packet the full send buffer cannot
 * take is dropped and counted.
 */
final class SendPath {
    private static final System.Logger LOG = System.getLogger(SendPath.class.getName());
    private static final int MAX_PAYLOAD = RtpHeader.MAX_PACKET - RtpHeader.FIXED_LENGTH;

    private final RtpEndpoint owner;
    private final DatagramChannel channel;
    private final InstantSource clock;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong octets = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final DigitSender digits;
    private final Object framesSource = new Object();

    // guarded by lock
    private final OutboundStream stream;
    private int frameSequence;
    private long frameTimestamp;
    private long lastFrameMillis = RtpEndpoint.NEVER;

    SendPath(RtpEndpoint owner, DatagramChannel channel, InstantSource clock, Scheduler scheduler) {
        this.owner = owner;
        this.channel = channel;
        this.clock = clock;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.stream = new OutboundStream(random.nextLong(1L << 32), random.nextInt(1 << 16), random.nextLong(1L << 32));
        this.digits = new DigitSender(scheduler, this::locked, this::event, this::tone);
    }

    long ssrc() {
        return stream.ssrc();
    }

    long sent() {
        return sent.get();
    }

    long octets() {
        return octets.get();
    }

    /** What a sender report says of the stream at {@code nowMillis}; empty before the first packet. */
    java.util.Optional<SenderInfo> senderInfo(long nowMillis) {
        lock.lock();
        try {
            if (!stream.started()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new SenderInfo(stream.timestampAt(nowMillis), sent.get(), octets.get()));
        } finally {
            lock.unlock();
        }
    }

    /** The sender part of a sender report: media clock now, packets and payload octets sent. */
    record SenderInfo(long rtpTimestamp, long packets, long octets) {}

    void enqueueDigit(DtmfDigit d, DigitSignal signal, java.time.Duration gap) {
        locked(() -> digits.enqueue(d, signal, gap));
    }

    void close() {
        locked(digits::close);
    }

    /** A packet the bridged leg {@code source} received, in its law {@code sourceLaw}. */
    void relay(RtpEndpoint source, G711 sourceLaw, PayloadKind kind, RtpHeader h, byte[] buf) {
        RtpSession s = owner.currentSession();
        if (owner.currentFeed() != Feed.RELAY || !sending(s) || h.payloadLength() > MAX_PAYLOAD) {
            return;
        }
        int payloadType;
        int samples;
        switch (kind) {
            case AUDIO -> {
                payloadType = s.audio().sendPayloadType();
                samples = h.payloadLength();
            }
            case EVENT -> {
                if (s.telephoneEvent().isEmpty() || h.payloadLength() < TelephoneEvent.LENGTH) {
                    return;
                }
                payloadType = s.telephoneEvent().get().sendPayloadType();
                samples = ((buf[h.payloadOffset() + 2] & 0xFF) << 8) | (buf[h.payloadOffset() + 3] & 0xFF);
            }
            case NOISE -> {
                if (s.comfortNoise().isEmpty()) {
                    return;
                }
                payloadType = s.comfortNoise().get().sendPayloadType();
                samples = 0;
            }
            default -> throw new IllegalStateException("unknown payload kind " + kind);
        }
        InetSocketAddress to = owner.destination(s);
        if (to == null) {
            return;
        }
        Outgoing out = Outgoing.current();
        lock.lock();
        try {
            if (digits.active()) {
                return;
            }
            stream.stamp(out.bytes, 0, source, h.ssrc(), h.sequenceNumber(), h.timestamp(), samples, h.marker(),
                    payloadType, clock.millis());
            if (kind == PayloadKind.AUDIO) {
                sourceLaw.transcode(buf, h.payloadOffset(), h.payloadLength(), s.codec(), out.bytes,
                        RtpHeader.FIXED_LENGTH);
            } else {
                System.arraycopy(buf, h.payloadOffset(), out.bytes, RtpHeader.FIXED_LENGTH, h.payloadLength());
            }
            out.stage(RtpHeader.FIXED_LENGTH + h.payloadLength(), to);
        } finally {
            lock.unlock();
        }
        transmit(out);
    }

    /**
     * One PCM frame to send. The frames are a source of their own: sequence numbers count frames;
     * the timestamp advances by the frame's samples, plus the wall time of any pause over 60 ms
     * (with the marker bit).
     */
    void frame(short[] frame) {
        RtpSession s = owner.currentSession();
        if (owner.currentFeed() != Feed.FRAMES || !sending(s) || frame.length > MAX_PAYLOAD) {
            return;
        }
        InetSocketAddress to = owner.destination(s);
        if (to == null) {
            return;
        }
        Outgoing out = Outgoing.current();
        lock.lock();
        try {
            if (digits.active()) {
                return;
            }
            long now = clock.millis();
            boolean marker = false;
            if (lastFrameMillis != RtpEndpoint.NEVER && now - lastFrameMillis > 60) {
                frameTimestamp += (now - lastFrameMillis - 20) * 8;
                marker = true;
            }
            lastFrameMillis = now;
            frameSequence = (frameSequence + 1) & 0xFFFF;
            frameTimestamp = (frameTimestamp + frame.length) & 0xFFFF_FFFFL;
            stream.stamp(out.bytes, 0, framesSource, 0, frameSequence, frameTimestamp, frame.length, marker,
                    s.audio().sendPayloadType(), now);
            s.codec().encode(frame, 0, frame.length, out.bytes, RtpHeader.FIXED_LENGTH);
            out.stage(RtpHeader.FIXED_LENGTH + frame.length, to);
        } finally {
            lock.unlock();
        }
        transmit(out);
    }

    /** One generated event packet, staged under the lock on the scheduler's thread (sent by {@link #locked}). */
    private void event(long digitNumber, int index, TelephoneEvent e) {
        RtpSession s = owner.currentSession();
        if (!sending(s) || s.telephoneEvent().isEmpty()) {
            return;
        }
        InetSocketAddress to = owner.destination(s);
        if (to == null) {
            return;
        }
        Outgoing out = Outgoing.current();
        stream.stamp(out.bytes, 0, digits, digitNumber, index, 0, e.duration(), index == 0,
                s.telephoneEvent().get().sendPayloadType(), clock.millis());
        e.writeTo(out.bytes, RtpHeader.FIXED_LENGTH);
        out.stage(RtpHeader.FIXED_LENGTH + TelephoneEvent.LENGTH, to);
    }

    /**
     * One 20 ms frame of an in-band digit, staged under the lock on the scheduler's thread (sent by
     * {@link #locked}). The digit is a source of its own: one frame per sequence number, 160
     * samples apart.
     */
    private void tone(long digitNumber, int index, short[] frame) {
        RtpSession s = owner.currentSession();
        if (!sending(s) || frame.length > MAX_PAYLOAD) {
            return;
        }
        InetSocketAddress to = owner.destination(s);
        if (to == null) {
            return;
        }
        Outgoing out = Outgoing.current();
        stream.stamp(out.bytes, 0, digits, digitNumber, index, (long) index * frame.length, frame.length, index == 0,
                s.audio().sendPayloadType(), clock.millis());
        s.codec().encode(frame, 0, frame.length, out.bytes, RtpHeader.FIXED_LENGTH);
        out.stage(RtpHeader.FIXED_LENGTH + frame.length, to);
    }

    private boolean sending(RtpSession s) {
        return s != null && s.direction().sends() && !owner.isClosed();
    }

    /** Sends what this thread staged, outside the lock. */
    private void transmit(Outgoing out) {
        int length = out.length();
        InetSocketAddress to = out.destination();
        try {
            switch (out.send(channel)) {
                case SENT -> {
                    sent.incrementAndGet();
                    octets.addAndGet(length - RtpHeader.FIXED_LENGTH);
                }
                case DROPPED -> owner.sendDropped();
                case NOTHING -> { }
            }
        } catch (IOException e) {
            if (!owner.isClosed()) {
                LOG.log(System.Logger.Level.DEBUG, "RTP send to " + to + " failed", e);
            }
        }
    }

    /** Runs a task under the lock, then sends the packet it staged, if any (digits). */
    private void locked(Runnable task) {
        Outgoing out = Outgoing.current();
        lock.lock();
        try {
            task.run();
        } finally {
            lock.unlock();
        }
        transmit(out);
    }
}
