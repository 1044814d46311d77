package io.ramal.cti.fact;

import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/**
 * The supervisor's phone at {@code device} answered and is connected to call {@code callId} to listen,
 * whisper or barge in. The supervisor is no party of the call (the call's events do not list it), but
 * its device is busy with it: a board shows it {@code in_call} until {@link SupervisorReleased}.
 */
public record SupervisorConnected(String tenant, String device, String callId, Instant at) implements DeviceFact {
    public SupervisorConnected {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(device, "device");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
    }
}
