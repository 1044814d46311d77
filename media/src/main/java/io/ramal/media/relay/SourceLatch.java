package io.ramal.media.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Symmetric RTP latching with hijack protection (ADR 0004). Until latched, a packet is accepted
 * from the expected address (any port) or, with none expected, from anyone; the first accepted
 * packet's address and port become the latched source, where we then send. After that:
 * <ul>
 *   <li>packets from the latched source are accepted (and its latest SSRC remembered);</li>
 *   <li>packets from elsewhere are foreign and dropped, except that a new source takes over when
 *       the latched one has been silent for the re-latch time AND the packet carries the SSRC the
 *       latched source last used (and comes from the expected address, if any) — a NAT binding
 *       that moved, not a stranger.</li>
 * </ul>
 * One receiving thread calls {@link #admit}; senders read {@link #latched()} from any thread.
 */
final class SourceLatch {

    enum Verdict {
        ACCEPTED,
        LATCHED,
        RELATCHED,
        FOREIGN
    }

    private final InetAddress expected;
    private final long relatchAfterMillis;
    private volatile InetSocketAddress latched;
    private long latchedSsrc;
    private long lastHeardMillis;

    /** {@code expected} may be null: latch to the first source whatever its address. */
    SourceLatch(InetAddress expected, long relatchAfterMillis) {
        this.expected = expected;
        this.relatchAfterMillis = relatchAfterMillis;
    }

    Verdict admit(InetAddress address, int port, long ssrc, long nowMillis) {
        InetSocketAddress current = latched;
        if (current != null && current.getPort() == port && current.getAddress().equals(address)) {
            latchedSsrc = ssrc;
            lastHeardMillis = nowMillis;
            return Verdict.ACCEPTED;
        }
        if (expected != null && !expected.equals(address)) {
            return Verdict.FOREIGN;
        }
        if (current == null) {
            latch(address, port, ssrc, nowMillis);
            return Verdict.LATCHED;
        }
        if (nowMillis - lastHeardMillis >= relatchAfterMillis && ssrc == latchedSsrc) {
            latch(address, port, ssrc, nowMillis);
            return Verdict.RELATCHED;
        }
        return Verdict.FOREIGN;
    }

    /** The source we latched to (and send to), or null before the first accepted packet. */
    InetSocketAddress latched() {
        return latched;
    }

    private void latch(InetAddress address, int port, long ssrc, long nowMillis) {
        latched = new InetSocketAddress(address, port);
        latchedSsrc = ssrc;
        lastHeardMillis = nowMillis;
    }
}
