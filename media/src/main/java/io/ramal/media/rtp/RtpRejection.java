package io.ramal.media.rtp;

/** Why a datagram is not an acceptable RTP packet. Constants, so rejecting allocates nothing. */
public enum RtpRejection implements RtpParseResult {
    /** Shorter than the 12-byte fixed header. */
    TOO_SHORT,
    /** Longer than {@link RtpHeader#MAX_PACKET} bytes. */
    OVERSIZED,
    /** Version field is not 2. */
    BAD_VERSION,
    /** The CSRC list or header extension runs past the end of the datagram. */
    TRUNCATED,
    /** Padding bit set but the padding count is 0 or larger than what follows the header. */
    BAD_PADDING
}
