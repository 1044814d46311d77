package io.ramal.sip.message;

/** What the parser made of some bytes: a message, or the reason it is not one. */
public sealed interface ParseResult {
  record Parsed(SipMessage message) implements ParseResult {}

  /**
   * Not a valid message. {@code status} is what a request deserves (400, 505); {@code headers} holds
   * whatever header fields could be read, so a responder can still copy Via, From, To, Call-ID and
   * CSeq; {@code request} tells whether the start line looked like a request (responses are dropped).
   */
  record Malformed(int status, String reason, boolean request, Headers headers) implements ParseResult {}
}
