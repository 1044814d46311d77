package io.ramal.cti.fact;

import io.ramal.cti.Identifiers;
import io.ramal.cti.UnregisterReason;
import java.time.Instant;
import java.util.Objects;

/**
 * A contact of the device went away; {@code contacts} remain (0: the device is unregistered).
 *
 * @param contacts how many contacts remain registered
 * @param reason removed by the phone, expired, or removed administratively
 */
public record ContactUnregistered(String tenant, String device, Instant at, int contacts, UnregisterReason reason)
        implements DeviceFact {
    public ContactUnregistered {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(device, "device");
        Objects.requireNonNull(at, "at");
        if (contacts < 0) {
            throw new IllegalArgumentException("contacts must not be negative: " + contacts);
        }
        Objects.requireNonNull(reason, "reason");
    }
}
