package io.ramal.cti;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One connection of a call as a client sees it: which endpoint, in which CSTA state since when,
 * and what it may do now.
 *
 * @param endpoint the device or external number
 * @param name the display name the PBX knows for it, if any
 * @param originator true for the party that placed the call
 * @param state its connection state
 * @param since when it entered that state
 * @param muted true while Ramal does not pass on what the party says (server-side mute)
 * @param capabilities what a command may ask of this party now
 */
public record PartySnapshot(
        Endpoint endpoint, Optional<String> name, boolean originator, ConnectionState state, Instant since,
        boolean muted, Capabilities capabilities) {
    public PartySnapshot {
        Objects.requireNonNull(endpoint, "endpoint");
        Identifiers.nonBlank(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(capabilities, "capabilities");
    }

    /** The device number (or external number) of this party. */
    public String device() {
        return endpoint.number();
    }

    public Map<String, Object> toJson() {
        return JsonFields.create()
                .put("device", endpoint.number())
                .put("external", endpoint.external())
                .put("name", name)
                .put("originator", originator)
                .put("state", state.wire())
                .put("since", since)
                .put("muted", muted)
                .put("capabilities", capabilities.toJson())
                .build();
    }
}
