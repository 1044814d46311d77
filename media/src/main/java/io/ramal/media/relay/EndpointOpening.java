package io.ramal.media.relay;

/** The outcome of opening an endpoint: open, or why not (pool exhausted, ports unbindable). */
public sealed interface EndpointOpening {

    record Opened(RtpEndpoint endpoint) implements EndpointOpening {}

    record NotOpened(String reason) implements EndpointOpening {}
}
