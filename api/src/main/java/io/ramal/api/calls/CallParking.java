package io.ramal.api.calls;

import io.ramal.cti.control.CommandResult;
import java.time.Instant;
import java.util.List;

/**
 * Park and pickup, as the PBX carries them out: a parked call waits in a numbered slot of its
 * tenant (music on hold) until an extension takes it back or the park timeout rings the parker.
 */
public interface CallParking {
    /** One parked call. */
    record Parked(String slot, String callId, String parked, String parker, Instant since, Instant until) {}

    /** Parks call {@code callId} for {@code party}; accepted carries the slot number. */
    CommandResult park(String tenant, String callId, String party);

    /** Rings {@code device} to take back the call in {@code slot}; accepted carries the call's id. */
    CommandResult pickup(String tenant, String slot, String device);

    List<Parked> parked(String tenant);
}
