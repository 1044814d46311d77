package io.ramal.media.rtp;

/** A leg's UDP port pair: RTP on an even port, RTCP on the next one (RFC 3550 §11). */
public record RtpPorts(int rtp) {

    public RtpPorts {
        if (rtp <= 0 || rtp >= 65535 || rtp % 2 != 0) {
            throw new IllegalArgumentException("RTP port must be even and below 65535: " + rtp);
        }
    }

    public int rtcp() {
        return rtp + 1;
    }
}
