/**
 * Session descriptions (SDP, RFC 8866) and the offer/answer model (RFC 3264) for the audio
 * streams Ramal anchors. Text in, immutable values out; unknown lines are kept in order so a
 * description can be rewritten (our address and port) without losing what we do not interpret.
 * No sockets, no clock: the media module and the B2BUA turn these values into RTP endpoints.
 */
package io.ramal.sip.sdp;
