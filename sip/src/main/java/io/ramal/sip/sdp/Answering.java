package io.ramal.sip.sdp;

/** Our answer to an offer, or why we refuse it (with the SIP status to send, usually 488). */
public sealed interface Answering {

    record Answered(SessionDescription answer, NegotiatedAudio audio) implements Answering {}

    record Refused(int status, String reason) implements Answering {}
}
