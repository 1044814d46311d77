package io.ramal.sip.sdp;

import java.util.Optional;

/**
 * Which way media flows, from the point of view of the party whose description carries it
 * (RFC 3264 §5.1, §6.1). The default when a description says nothing is {@link #SENDRECV}.
 */
public enum Direction {
    SENDRECV(true, true),
    SENDONLY(true, false),
    RECVONLY(false, true),
    INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    Direction(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    public boolean sends() {
        return sends;
    }

    public boolean receives() {
        return receives;
    }

    /** The direction seen from the other end: what one party sends, the other receives. */
    public Direction mirror() {
        return of(receives, sends);
    }

    /** What both allow: sending only if both directions send, receiving only if both receive. */
    public Direction intersect(Direction other) {
        return of(sends && other.sends, receives && other.receives);
    }

    /** This direction without receiving (what a {@code c=0.0.0.0} offer means). */
    public Direction withoutReceiving() {
        return of(sends, false);
    }

    public static Direction of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }

    /** The attribute name: {@code sendrecv}, {@code sendonly}, {@code recvonly}, {@code inactive}. */
    public String attributeName() {
        return switch (this) {
            case SENDRECV -> "sendrecv";
            case SENDONLY -> "sendonly";
            case RECVONLY -> "recvonly";
            case INACTIVE -> "inactive";
        };
    }

    /** The direction an attribute line names, if it is one of the four. */
    public static Optional<Direction> fromAttribute(SdpLine line) {
        if (line.type() != 'a') {
            return Optional.empty();
        }
        for (Direction d : values()) {
            if (line.value().equalsIgnoreCase(d.attributeName())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
