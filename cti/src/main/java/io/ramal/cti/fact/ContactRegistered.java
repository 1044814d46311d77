package io.ramal.cti.fact;

import io.ramal.cti.DeviceAbilities;
import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/**
 * A contact of the device registered or refreshed its registration; the device now has
 * {@code contacts} registered contacts. A refresh that changes nothing produces no event.
 *
 * @param contacts how many contacts are registered now (at least 1)
 * @param abilities what the device can be made to do, as the PBX judges from its contacts
 */
public record ContactRegistered(String tenant, String device, Instant at, int contacts, DeviceAbilities abilities)
        implements DeviceFact {
    public ContactRegistered {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(device, "device");
        Objects.requireNonNull(at, "at");
        if (contacts < 1) {
            throw new IllegalArgumentException("a registered device has at least one contact: " + contacts);
        }
        Objects.requireNonNull(abilities, "abilities");
    }
}
