package io.ramal.sip.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * Our side of one SDP session (one leg): the origin we own and the description we last sent.
 * RFC 3264 §8: a description sent again unchanged keeps its version; a changed one (a re-offer
 * for hold, a new port) carries the version plus one.
 */
public record LocalSession(Origin origin, Optional<SessionDescription> lastSent) {

    public LocalSession {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(lastSent, "lastSent");
    }

    public static LocalSession start(Origin origin) {
        return new LocalSession(origin, Optional.empty());
    }

    /** A description ready to send and the session state after sending it. */
    public record Stamped(SessionDescription description, LocalSession session) {}

    /** Puts our origin on {@code body}, raising the version if it differs from what we last sent. */
    public Stamped stamp(SessionDescription body) {
        SessionDescription same = body.withOrigin(origin);
        if (lastSent.isEmpty()) {
            return new Stamped(same, new LocalSession(origin, Optional.of(same)));
        }
        if (lastSent.get().equals(same)) {
            return new Stamped(same, this);
        }
        Origin next = origin.nextVersion();
        SessionDescription changed = body.withOrigin(next);
        return new Stamped(changed, new LocalSession(next, Optional.of(changed)));
    }
}
