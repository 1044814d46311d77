package io.ramal.media.relay;

import io.ramal.media.rtp.RtpHeader;

/**
 * The one RTP stream a leg's peer receives, whatever feeds it (relayed packets of the other party,
 * locally made frames, generated digits): one SSRC, sequence numbers and timestamps without
 * breaks. Each source keeps its own numbering; we map it by fixed offsets chosen when the source
 * becomes current, so its losses and reordering stay visible. On a switch:
 * <ul>
 *   <li>the next sequence number is the last sent plus one;</li>
 *   <li>the next timestamp is the last sent plus the larger of the last packet's length in
 *       samples and the wall time since it was sent (a pause shows as a timestamp gap);</li>
 *   <li>the packet carries the marker bit, so the receiver re-syncs its jitter buffer.</li>
 * </ul>
 * Not thread-safe: the endpoint's send lock guards it.
 */
final class OutboundStream {
    private static final long MASK = 0xFFFF_FFFFL;

    private final long ssrc;
    private final long firstTimestamp;
    private Object source;
    private long sourceSsrc;
    private boolean started;
    private int sequenceOffset;
    private long timestampOffset;
    private int lastSequence;
    private long lastTimestamp;
    private int lastSamples;
    private long lastMillis;

    OutboundStream(long ssrc, int firstSequence, long firstTimestamp) {
        this.ssrc = ssrc & MASK;
        this.lastSequence = (firstSequence - 1) & 0xFFFF;
        this.firstTimestamp = firstTimestamp & MASK;
    }

    long ssrc() {
        return ssrc;
    }

    /** Whether a packet was sent yet. */
    boolean started() {
        return started;
    }

    /**
     * The RTP timestamp that corresponds to {@code nowMillis} (RFC 3550 §6.4.1: a sender report
     * pairs the wall clock with the media clock): the last packet's timestamp advanced by the wall
     * time since it was sent.
     */
    long timestampAt(long nowMillis) {
        return (lastTimestamp + Math.max(0, nowMillis - lastMillis) * 8) & MASK;
    }

    /**
     * Writes the 12-byte header of the next packet at {@code offset}: a packet of {@code source}
     * (its SSRC, sequence number and timestamp) covering {@code samples} samples.
     */
    void stamp(byte[] out, int offset, Object from, long fromSsrc, int sequence, long timestamp, int samples,
            boolean marker, int payloadType, long nowMillis) {
        boolean switched = !started || from != source || fromSsrc != sourceSsrc;
        if (switched) {
            int nextSequence = (lastSequence + 1) & 0xFFFF;
            long nextTimestamp = started
                    ? (lastTimestamp + Math.max(lastSamples, Math.max(0, nowMillis - lastMillis) * 8)) & MASK
                    : firstTimestamp;
            sequenceOffset = nextSequence - sequence;
            timestampOffset = nextTimestamp - timestamp;
            source = from;
            sourceSsrc = fromSsrc;
            started = true;
        }
        int outSequence = (sequence + sequenceOffset) & 0xFFFF;
        long outTimestamp = (timestamp + timestampOffset) & MASK;
        if (switched || newer(outSequence, lastSequence)) {
            lastSequence = outSequence;
            lastTimestamp = outTimestamp;
            lastSamples = samples;
        }
        lastMillis = nowMillis;
        RtpHeader.write(out, offset, marker || switched, payloadType, outSequence, outTimestamp, ssrc);
    }

    private static boolean newer(int a, int b) {
        int d = (a - b) & 0xFFFF;
        return d != 0 && d < 0x8000;
    }
}
