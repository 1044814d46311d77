package io.ramal.api.events;

/**
 * Why the server closed an event socket: the WebSocket close status it sends, and what the client
 * should do. Codes 4000–4999 are ours (RFC 6455 §7.4.2 leaves them to applications).
 */
public enum CloseCode {
    /** The server is stopping. Reconnect later and resume. */
    GOING_AWAY(1001, "server stopping"),
    /** Something failed on the server (the database, for instance). Reconnect and resume. */
    SERVER_ERROR(1011, "server error"),
    /** No valid credential: missing, invalid, revoked or expired at connect, or none within the auth timeout. */
    UNAUTHORIZED(4001, "unauthorized"),
    /** The session's token expired without being renewed in-band. Get a new token, reconnect and resume. */
    TOKEN_EXPIRED(4002, "token expired"),
    /** The credential is valid but may not read events (an API key without {@code events:read}). */
    FORBIDDEN(4003, "forbidden"),
    /** The client read too slowly and its queue overflowed. Nothing was skipped: reconnect and resume. */
    SLOW_CONSUMER(4008, "slow consumer"),
    /** The user already has as many event sockets open as allowed. */
    TOO_MANY_SOCKETS(4009, "too many sockets"),
    /** The client kept sending frames the protocol does not allow (binary frames, repeated bad messages). */
    BAD_MESSAGES(4400, "bad messages");

    private final int code;
    private final String reason;

    CloseCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    /** The default close reason (short: a close frame's reason has at most 123 bytes). */
    public String reason() {
        return reason;
    }
}
