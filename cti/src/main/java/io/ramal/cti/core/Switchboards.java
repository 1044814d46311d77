package io.ramal.cti.core;

import io.ramal.cti.Identifiers;
import io.ramal.cti.fact.TelephonyFact;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The switchboards of all tenants, created on first use, with facts routed by their tenant. A
 * convenience for wiring and tests; not thread-safe (the server keeps one writer per tenant and
 * may hold switchboards itself instead).
 */
public final class Switchboards {
    private final Map<String, Switchboard> byTenant = new TreeMap<>();

    /** The tenant's switchboard, created empty if it did not exist. */
    public Switchboard forTenant(String tenant) {
        Identifiers.nonBlank(tenant, "tenant");
        return byTenant.computeIfAbsent(tenant, Switchboard::new);
    }

    /** The tenant's switchboard if it exists. */
    public Optional<Switchboard> find(String tenant) {
        return Optional.ofNullable(byTenant.get(tenant));
    }

    /** Applies the fact to its own tenant's switchboard only. */
    public Outcome on(TelephonyFact fact) {
        Objects.requireNonNull(fact, "fact");
        return forTenant(fact.tenant()).on(fact);
    }
}
