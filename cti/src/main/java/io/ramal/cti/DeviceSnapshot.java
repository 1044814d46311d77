package io.ramal.cti;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A device (an extension of the tenant) as far as registration goes: how many contacts are
 * registered for it, what it can be made to do, and when that last changed.
 *
 * @param number the extension number
 * @param contacts registered contacts (phones, softphones, browser tabs); 0 when unregistered
 * @param abilities what the server may ask of the device
 * @param since when the registration last changed
 */
public record DeviceSnapshot(String number, int contacts, DeviceAbilities abilities, Instant since) {
    public DeviceSnapshot {
        Identifiers.nonBlank(number, "number");
        if (contacts < 0) {
            throw new IllegalArgumentException("contacts must not be negative: " + contacts);
        }
        Objects.requireNonNull(abilities, "abilities");
        Objects.requireNonNull(since, "since");
    }

    /** True while at least one contact is registered. */
    public boolean registered() {
        return contacts > 0;
    }

    public Map<String, Object> toJson() {
        return JsonFields.create()
                .put("device", number)
                .put("registered", registered())
                .put("contacts", contacts)
                .put("abilities", abilities.toJson())
                .put("since", since)
                .build();
    }
}
