package io.ramal.api.provisioning;

import java.util.Optional;

/** The PBX's live view of trunk registrations, as the trunks API shows it. */
@FunctionalInterface
public interface TrunkStatuses {

    /** Nothing registers (tests of the API alone). */
    TrunkStatuses NONE = (tenant, trunk) -> Optional.empty();

    /** Where the registration of {@code trunk} of {@code tenant} stands; empty when it does not register. */
    Optional<TrunkStatus> of(String tenant, String trunk);
}
