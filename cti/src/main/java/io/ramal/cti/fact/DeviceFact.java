package io.ramal.cti.fact;

/** A fact about a device (an extension) rather than a call. */
public sealed interface DeviceFact extends TelephonyFact
        permits ContactRegistered, ContactUnregistered, SupervisorConnected, SupervisorReleased {
    /** The device's extension number. */
    String device();
}
