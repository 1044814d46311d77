package io.ramal.media.relay;

import io.ramal.media.dtmf.DtmfDigit;
import java.time.Duration;

/**
 * What an endpoint tells its owner. Digits arrive on the endpoint's receiving thread, time-outs on
 * the scheduler's; neither may block (hand the fact to the call's own executor).
 */
public interface MediaListener {
    MediaListener NONE = new MediaListener() {};

    /** A key press received as RFC 4733 events, reported once. */
    default void digitDetected(DtmfDigit digit) {}

    /** No RTP came for at least the watched time (dead call). Reported once per watch. */
    default void rtpTimedOut(Duration silence) {}
}
