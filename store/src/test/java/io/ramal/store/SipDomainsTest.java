package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class SipDomainsTest {

    @Parameter
    Backend backend;

    private static ScratchDatabase scratch;
    private static DataSource dataSource;

    @BeforeParameterizedClassInvocation
    static void openStore(Backend backend) {
        scratch = ScratchDatabase.create(backend);
        dataSource = scratch.open().dataSource();
    }

    @AfterParameterizedClassInvocation
    static void removeStore() {
        scratch.close();
    }

    private final SipDomains domains = new SipDomains(dataSource);

    @Test
    void resolvesDomainToTenantWithoutRegardToCase() {
        String tenant = RandomTenant.create(dataSource);

        domains.save(new SipDomain("PBX." + tenant + ".Example", tenant));

        assertThat(domains.tenantOf("pbx." + tenant + ".example")).contains(tenant);
        assertThat(domains.tenantOf("PBX." + tenant.toUpperCase(Locale.ROOT) + ".EXAMPLE")).contains(tenant);
        assertThat(domains.list(tenant)).containsExactly(new SipDomain("pbx." + tenant + ".example", tenant));
    }

    @Test
    void unknownDomainHasNoTenant() {
        assertThat(domains.tenantOf("unknown.invalid")).isEmpty();
    }

    @Test
    void savingMovesADomainToAnotherTenant() {
        String first = RandomTenant.create(dataSource);
        String second = RandomTenant.create(dataSource);
        String domain = "moving." + first + ".example";
        domains.save(new SipDomain(domain, first));

        domains.save(new SipDomain(domain, second));

        assertThat(domains.tenantOf(domain)).contains(second);
        assertThat(domains.list(first)).isEmpty();
    }

    @Test
    void deletesADomain() {
        String tenant = RandomTenant.create(dataSource);
        String domain = "gone." + tenant + ".example";
        domains.save(new SipDomain(domain, tenant));

        assertThat(domains.delete(domain.toUpperCase(Locale.ROOT))).isTrue();
        assertThat(domains.tenantOf(domain)).isEmpty();
    }
}
