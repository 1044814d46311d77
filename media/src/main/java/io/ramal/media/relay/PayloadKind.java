package io.ramal.media.relay;

/** What a negotiated payload type carries. */
enum PayloadKind {
    AUDIO,
    /** RFC 4733 telephone-event. */
    EVENT,
    /** RFC 3389 comfort noise (static type 13 is always tolerated). */
    NOISE
}
