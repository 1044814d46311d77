package io.ramal.media.rtp;

/** What a datagram is: a valid RTP header (with where its payload lies) or the reason it is not. */
public sealed interface RtpParseResult permits RtpHeader, RtpRejection {}
