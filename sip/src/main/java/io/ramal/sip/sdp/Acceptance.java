package io.ramal.sip.sdp;

/** What the peer's answer to our offer gives us: an agreed stream, or why it is unusable. */
public sealed interface Acceptance {

    record Agreed(NegotiatedAudio audio) implements Acceptance {}

    record Unusable(String reason) implements Acceptance {}
}
