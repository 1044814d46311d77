package io.ramal.media.relay;

import io.ramal.media.rtp.RtpHeader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The datagram a thread is about to send, in a buffer of that thread's own: a sender writes it
 * while holding its stream's lock (sequence numbers, the reused state), lets go, then sends. So
 * no lock is ever held across a send, and no packet is copied to be taken out of the lock. One
 * datagram at a time per thread: stage, then {@link #send}, before staging the next.
 */
final class Outgoing {
    private static final ThreadLocal<Outgoing> CURRENT = ThreadLocal.withInitial(Outgoing::new);

    /** How a send went. */
    enum Result {
        /** Nothing was staged. */
        NOTHING,
        SENT,
        /** The socket's send buffer was full: the datagram is lost (a non-blocking send never waits). */
        DROPPED
    }

    /** Where the datagram is written, from offset 0. */
    final byte[] bytes = new byte[RtpHeader.MAX_PACKET];
    private final ByteBuffer view = ByteBuffer.wrap(bytes);
    private int length = -1;
    private InetSocketAddress to;

    private Outgoing() {}

    /** This thread's datagram. */
    static Outgoing current() {
        return CURRENT.get();
    }

    /** Marks {@code bytes[0, length)} as the datagram to send to {@code to}. */
    void stage(int length, InetSocketAddress to) {
        this.length = length;
        this.to = to;
    }

    /** Length of the staged datagram (-1: none). */
    int length() {
        return length;
    }

    InetSocketAddress destination() {
        return to;
    }

    /**
     * Sends the staged datagram, if any, on {@code channel} (non-blocking); nothing is staged
     * after, whatever happened. Throws when the channel is closed or the network refused it.
     */
    Result send(DatagramChannel channel) throws IOException {
        if (length < 0) {
            return Result.NOTHING;
        }
        view.clear().limit(length);
        InetSocketAddress target = to;
        length = -1;
        to = null;
        return channel.send(view, target) == 0 ? Result.DROPPED : Result.SENT;
    }
}
