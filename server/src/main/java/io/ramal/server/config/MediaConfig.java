package io.ramal.server.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The media plane ({@code media.*}).
 *
 * @param anchored          true: the audio of every call flows through Ramal (needed for music on
 *                          hold, recording, DTMF detection, conferences); false: phones send audio
 *                          straight to each other and those features are unavailable
 * @param bind              address the RTP sockets bind to
 * @param advertisedAddress address written into SDP; empty means {@code bind}, or 127.0.0.1 (with a
 *                          warning at start) when {@code bind} is a wildcard
 * @param rtpPortLow        first port of the RTP range (even; each leg takes an even RTP port and
 *                          the odd RTCP port above it)
 * @param rtpPortHigh       last port of the RTP range
 * @param deadCallTimeout   an answered call with no RTP from a party for this long is hung up
 * @param recording         how calls are recorded ({@code media.recording.*})
 */
public record MediaConfig(
        boolean anchored,
        String bind,
        Optional<String> advertisedAddress,
        int rtpPortLow,
        int rtpPortHigh,
        Duration deadCallTimeout,
        RecordingConfig recording) {

    public MediaConfig {
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(advertisedAddress, "advertisedAddress");
        Objects.requireNonNull(deadCallTimeout, "deadCallTimeout");
        if (bind.isBlank()) {
            throw new IllegalArgumentException("bind must not be empty");
        }
        Ports.check("rtp_ports", rtpPortLow);
        Ports.check("rtp_ports", rtpPortHigh);
        if (rtpPortLow % 2 != 0) {
            throw new IllegalArgumentException("rtp_ports must start at an even port, got " + rtpPortLow);
        }
        if (rtpPortHigh - rtpPortLow < 3) {
            throw new IllegalArgumentException(
                    "rtp_ports must hold at least two port pairs, got " + rtpPortLow + "-" + rtpPortHigh);
        }
        if (deadCallTimeout.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new IllegalArgumentException(
                    "dead_call_timeout must be at least 5s, got " + DurationText.format(deadCallTimeout));
        }
    }

    /** Media with the default recording settings. */
    public MediaConfig(boolean anchored, String bind, Optional<String> advertisedAddress, int rtpPortLow,
            int rtpPortHigh, Duration deadCallTimeout) {
        this(anchored, bind, advertisedAddress, rtpPortLow, rtpPortHigh, deadCallTimeout, RecordingConfig.DEFAULTS);
    }

    /** Anchored on {@code bind}, ports 20000-29999, dead calls hung up after 60 s, default recording. */
    public static MediaConfig defaults(String bind) {
        return new MediaConfig(true, bind, Optional.empty(), 20000, 29999, Duration.ofSeconds(60));
    }

    /** The address written into SDP. */
    public String sdpAddress() {
        return advertisedAddress.orElse(isWildcard() ? "127.0.0.1" : bind);
    }

    public boolean isWildcard() {
        return bind.equals("0.0.0.0") || bind.equals("::");
    }

    public MediaConfig withPorts(int low, int high) {
        return new MediaConfig(anchored, bind, advertisedAddress, low, high, deadCallTimeout, recording);
    }

    public MediaConfig withDeadCallTimeout(Duration timeout) {
        return new MediaConfig(anchored, bind, advertisedAddress, rtpPortLow, rtpPortHigh, timeout, recording);
    }

    public MediaConfig withRecording(RecordingConfig newRecording) {
        return new MediaConfig(anchored, bind, advertisedAddress, rtpPortLow, rtpPortHigh, deadCallTimeout,
                newRecording);
    }
}
