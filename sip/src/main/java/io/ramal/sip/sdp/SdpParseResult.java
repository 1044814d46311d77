package io.ramal.sip.sdp;

/** What the parser made of a body: a description, or why it is not one (for a 400 or 488). */
public sealed interface SdpParseResult {

    record Parsed(SessionDescription description) implements SdpParseResult {}

    record Malformed(String reason) implements SdpParseResult {}
}
