package io.ramal.api.webhooks;

import java.util.Locale;
import java.util.Optional;

/**
 * The call states a Meetip "web command" fires on, each mapped onto one native event type (see
 * docs/webhooks.md): ringing ("timbre") is {@code call.delivered}, off-hook ("descolgado") is
 * {@code call.established} (the call is answered), hung-up ("colgado") is
 * {@code connection.cleared}.
 */
enum MeetipTrigger {
    RINGING("ringing", "call.delivered"),
    OFF_HOOK("off_hook", "call.established"),
    HUNG_UP("hung_up", "connection.cleared");

    private final String wireName;
    private final String eventType;

    MeetipTrigger(String wireName, String eventType) {
        this.wireName = wireName;
        this.eventType = eventType;
    }

    String wireName() {
        return wireName;
    }

    /** The native event type this trigger fires on. */
    String eventType() {
        return eventType;
    }

    static Optional<MeetipTrigger> fromWireName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT).replace('-', '_');
        for (MeetipTrigger trigger : values()) {
            if (trigger.wireName.equals(wanted)) {
                return Optional.of(trigger);
            }
        }
        return Optional.empty();
    }
}
