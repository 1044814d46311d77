package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.store.SipDomain;
import io.ramal.store.SipDomains;
import io.ramal.store.Tenant;
import io.ramal.store.Tenants;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoginTenantsTest {

    private final ScratchDatabase scratch = ScratchDatabase.sqlite();
    private final DataSource dataSource = scratch.open().dataSource();
    private final Tenants tenants = new Tenants(dataSource);

    @AfterEach
    void removeStore() {
        scratch.close();
    }

    private void tenant(String id) {
        tenants.save(new Tenant(id, id, Instant.EPOCH));
    }

    @Test
    void aBareNameGoesToTheOnlyTenant() {
        tenant("acme");

        assertThat(new LoginTenants(dataSource, Optional.empty()).resolve(Optional.empty())).contains("acme");
    }

    @Test
    void withSeveralTenantsABareNameGoesToTheDefaultTenantOrNowhere() {
        tenant("acme");
        tenant("demo");

        assertThat(new LoginTenants(dataSource, Optional.empty()).resolve(Optional.empty())).isEmpty();
        assertThat(new LoginTenants(dataSource, Optional.of("demo")).resolve(Optional.empty())).contains("demo");
        assertThat(new LoginTenants(dataSource, Optional.of("gone")).resolve(Optional.empty())).isEmpty();
    }

    @Test
    void aNamedTenantIsATenantIdOrOneOfItsSipDomains() {
        tenant("acme");
        tenant("demo");
        new SipDomains(dataSource).save(new SipDomain("pbx.acme.example", "acme"));
        LoginTenants resolver = new LoginTenants(dataSource, Optional.of("demo"));

        assertThat(resolver.resolve(Optional.of("acme"))).contains("acme");
        assertThat(resolver.resolve(Optional.of("PBX.acme.example"))).contains("acme");
        assertThat(resolver.resolve(Optional.of("unknown.example"))).isEmpty();
    }
}
