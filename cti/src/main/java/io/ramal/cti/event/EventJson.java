package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.JsonFields;
import java.util.Map;
import java.util.Optional;

/** The common envelope of every event's JSON; the data of each type comes from the event. */
final class EventJson {
    private EventJson() {}

    static Map<String, Object> of(CtiEvent event) {
        Optional<CallSnapshot> call = switch (event) {
            case CallEvent e -> Optional.of(e.call());
            case RecordingEvent e -> Optional.of(e.call());
            case DeviceEvent e -> Optional.empty();
            case DeviceStateChanged e -> Optional.empty();
            case CallCampaignChanged e -> Optional.of(e.call());
        };
        return JsonFields.create()
                .put("type", event.type().wire())
                .put("tenant", event.tenant())
                .put("ts", event.at())
                .put("call_id", event.callId())
                .put("device", event.device())
                .put("direction", call.map(c -> c.direction().wire()))
                .put("caller_number", call.map(CallSnapshot::callerNumber))
                .put("caller_name", call.flatMap(CallSnapshot::callerName))
                .put("callee_number", call.map(CallSnapshot::calleeNumber))
                .put("callee_name", call.flatMap(CallSnapshot::calleeName))
                .put("data", event.data())
                .put("call", call.map(CallSnapshot::toJson))
                .build();
    }
}
