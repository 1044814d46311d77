package io.ramal.media.relay;

import java.util.Objects;

/**
 * Joins two legs of a call: every packet one leg receives is relayed to the other (while that
 * leg's feed is {@link Feed#RELAY}), transcoded when their G.711 laws differ, telephone-events
 * under the receiving leg's payload type, comfort noise forwarded only where it was negotiated.
 * Closing the bridge (or either endpoint) stops the relay; the endpoints stay open.
 */
public final class RtpBridge implements AutoCloseable {
    private final RtpEndpoint a;
    private final RtpEndpoint b;

    private RtpBridge(RtpEndpoint a, RtpEndpoint b) {
        this.a = a;
        this.b = b;
    }

    /** Joins {@code a} and {@code b}, replacing any bridge either was in. */
    public static RtpBridge join(RtpEndpoint a, RtpEndpoint b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a == b) {
            throw new IllegalArgumentException("cannot bridge a leg to itself");
        }
        if (a.isClosed() || b.isClosed()) {
            throw new IllegalStateException("cannot bridge a closed endpoint");
        }
        unlink(a);
        unlink(b);
        a.relayTo(b);
        b.relayTo(a);
        return new RtpBridge(a, b);
    }

    private static void unlink(RtpEndpoint e) {
        RtpEndpoint old = e.relayTarget();
        if (old != null && old.relayTarget() == e) {
            old.relayTo(null);
        }
        e.relayTo(null);
    }

    public RtpEndpoint first() {
        return a;
    }

    public RtpEndpoint second() {
        return b;
    }

    /** Stops relaying between the two legs (if they are still joined to each other). */
    @Override
    public void close() {
        if (a.relayTarget() == b) {
            a.relayTo(null);
        }
        if (b.relayTarget() == a) {
            b.relayTo(null);
        }
    }
}
