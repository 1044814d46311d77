package io.ramal.cti.event;

import java.util.Optional;

/** The type names of CTI events, as they appear in {@code "type"} and in subscription filters. */
public enum EventType {
    CALL_ORIGINATED("call.originated"),
    CALL_DELIVERED("call.delivered"),
    CALL_ESTABLISHED("call.established"),
    CALL_HELD("call.held"),
    CALL_RETRIEVED("call.retrieved"),
    CALL_TRANSFERRED("call.transferred"),
    CALL_CONFERENCED("call.conferenced"),
    CALL_DIVERTED("call.diverted"),
    CALL_FAILED("call.failed"),
    CONNECTION_CLEARED("connection.cleared"),
    CALL_DTMF("call.dtmf"),
    CALL_MUTED("call.muted"),
    CALL_UNMUTED("call.unmuted"),
    CALL_CAMPAIGN_CHANGED("call.campaign_changed"),
    RECORDING_STARTED("recording.started"),
    RECORDING_PAUSED("recording.paused"),
    RECORDING_RESUMED("recording.resumed"),
    RECORDING_STOPPED("recording.stopped"),
    DEVICE_REGISTERED("device.registered"),
    DEVICE_UNREGISTERED("device.unregistered"),
    DEVICE_STATE_CHANGED("device.state_changed");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    /** The dotted name, e.g. {@code call.delivered}. */
    public String wire() {
        return wire;
    }

    /** The type with this dotted name, if there is one (exact spelling). */
    public static Optional<EventType> fromWire(String wire) {
        for (EventType type : values()) {
            if (type.wire.equals(wire)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
