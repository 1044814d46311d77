package io.ramal.media.rtp;

/** The outcome of asking the pool for a port pair. */
public sealed interface PortAllocation {

    record Allocated(RtpPorts ports) implements PortAllocation {}

    /** Every pair of the range is in use. */
    record Exhausted(int capacity) implements PortAllocation {}
}
