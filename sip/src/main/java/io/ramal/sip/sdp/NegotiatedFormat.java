package io.ramal.sip.sdp;

import java.util.Objects;

/**
 * A payload format both sides agreed on. The payload type numbers may differ by direction (RFC
 * 3264 §6.1): we receive it under the number in our own description and send it under the number
 * in the peer's.
 */
public record NegotiatedFormat(String encoding, int clockRate, int receivePayloadType, int sendPayloadType) {

    public NegotiatedFormat {
        Objects.requireNonNull(encoding, "encoding");
        if (receivePayloadType < 0 || receivePayloadType > 127 || sendPayloadType < 0 || sendPayloadType > 127) {
            throw new IllegalArgumentException("payload type out of range");
        }
    }

    static NegotiatedFormat of(RtpMap received, RtpMap sent) {
        return new NegotiatedFormat(received.encoding(), received.clockRate(), received.payloadType(), sent.payloadType());
    }
}
