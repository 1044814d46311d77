package io.ramal.media.relay;

/**
 * A snapshot of an endpoint's packet counts: RTP {@code received} and accepted, dropped as
 * malformed (bad header, oversized, payload type not negotiated, before negotiation, or its
 * handling failed), dropped as foreign (not from the latched or expected source), RTP {@code
 * sent}, RTCP received, and datagrams (RTP or RTCP) {@code sendsDropped} because the socket's send
 * buffer was full.
 */
public record RtpCounters(long received, long droppedMalformed, long droppedForeign, long sent, long rtcpReceived,
        long sendsDropped) {}
