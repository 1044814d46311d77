package io.ramal.api.agents;

import java.net.InetAddress;
import java.util.Set;

/** The extensions of a tenant with a registered contact whose REGISTER came from an address (the registrar's view). */
@FunctionalInterface
public interface RegisteredAddresses {
    RegisteredAddresses NONE = (tenant, address) -> Set.of();

    Set<String> devicesAt(String tenant, InetAddress address);
}
