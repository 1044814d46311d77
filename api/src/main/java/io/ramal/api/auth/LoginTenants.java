package io.ramal.api.auth;

import io.ramal.store.SipDomains;
import io.ramal.store.Tenant;
import io.ramal.store.Tenants;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Which tenant a login goes to. A named tenant is looked up as a tenant id, then as a SIP domain
 * (so {@code alice@127.0.0.1} reaches the tenant that owns that domain). A login that names none
 * goes to the only tenant when there is exactly one, else to the configured default tenant, else
 * nowhere.
 */
final class LoginTenants {

    private final Tenants tenants;
    private final SipDomains domains;
    private final Optional<String> defaultTenant;

    LoginTenants(DataSource dataSource, Optional<String> defaultTenant) {
        this.tenants = new Tenants(dataSource);
        this.domains = new SipDomains(dataSource);
        this.defaultTenant = Objects.requireNonNull(defaultTenant, "defaultTenant");
    }

    /** The tenant a login names (or the default), unless it is disabled: then nowhere. */
    Optional<String> resolve(Optional<String> named) {
        return candidate(named).filter(id -> !tenants.disabled(id));
    }

    private Optional<String> candidate(Optional<String> named) {
        if (named.isPresent()) {
            String name = named.get();
            if (tenants.find(name).isPresent()) {
                return Optional.of(name);
            }
            return domains.tenantOf(name.toLowerCase(Locale.ROOT));
        }
        List<Tenant> all = tenants.list();
        if (all.size() == 1) {
            return Optional.of(all.getFirst().id());
        }
        return defaultTenant.filter(id -> tenants.find(id).isPresent());
    }
}
