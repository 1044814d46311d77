package io.ramal.sip.sdp;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The {@code o=} line: who made the description and which version of it this is. RFC 3264 §8
 * wants the version raised by one each time a party sends a changed description in a session.
 */
public record Origin(String username, String sessionId, String sessionVersion, Connection address) {

    public Origin {
        token(username, "username");
        token(sessionId, "sessionId");
        token(sessionVersion, "sessionVersion");
        Objects.requireNonNull(address, "address");
    }

    /** Our own origin for a new session: user {@code -}, version equal to the session id. */
    public static Origin of(long sessionId, Connection address) {
        if (sessionId < 0) {
            throw new IllegalArgumentException("negative session id");
        }
        return new Origin("-", Long.toString(sessionId), Long.toString(sessionId), address);
    }

    /** This origin with the version raised by one (the version must be a decimal number). */
    public Origin nextVersion() {
        BigInteger v;
        try {
            v = new BigInteger(sessionVersion);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("session version is not a number: " + sessionVersion, e);
        }
        return new Origin(username, sessionId, v.add(BigInteger.ONE).toString(), address);
    }

    /** This origin with another address (o= carries the host that made the description). */
    public Origin withAddress(Connection newAddress) {
        return new Origin(username, sessionId, sessionVersion, newAddress);
    }

    static Origin parseOrNull(String text) {
        String[] f = text.trim().split(" +");
        if (f.length != 6) {
            return null;
        }
        Connection c = Connection.parseOrNull(f[3] + " " + f[4] + " " + f[5]);
        return c == null ? null : new Origin(f[0], f[1], f[2], c);
    }

    private static void token(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isEmpty() || s.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("bad " + what + ": " + s);
        }
    }

    @Override
    public String toString() {
        return username + " " + sessionId + " " + sessionVersion + " " + address;
    }
}
