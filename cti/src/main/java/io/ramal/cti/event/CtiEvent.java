package io.ramal.cti.event;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An event of one tenant, as the CTI core emits it. The durable log gives it an {@code id} and
 * the tenant's next {@code seq}; everything else a client receives is in {@link #toJson()}.
 */
public sealed interface CtiEvent
        permits CallEvent, RecordingEvent, DeviceEvent, DeviceStateChanged, CallCampaignChanged {
    EventType type();

    String tenant();

    /** When it happened: the time of the telephony fact that caused it. */
    Instant at();

    /** The call it concerns, if any (device events have none). */
    Optional<String> callId();

    /** The device (or external number) it concerns, if any (recording events have none). */
    Optional<String> device();

    /** The fields particular to this type of event, as a JSON object. */
    Map<String, Object> data();

    /**
     * The event as an ordered JSON object: {@code type, tenant, ts, call_id, device, direction,
     * caller_number, caller_name, callee_number, callee_name, data, call}. Keys are always
     * present; those that do not apply are null.
     */
    default Map<String, Object> toJson() {
        return EventJson.of(this);
    }
}
