package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class TenantsTest {

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

    private final Tenants tenants = new Tenants(dataSource);

    @Test
    void aTenantRecordsOnDemandUntilItsPolicySaysOtherwise() {
        String id = RandomTenant.create(dataSource);
        assertThat(tenants.recordingPolicy(id)).isEqualTo(RecordingPolicy.ON_DEMAND);

        assertThat(tenants.saveRecordingPolicy(id, RecordingPolicy.ALWAYS)).isTrue();
        tenants.save(new Tenant(id, "Renamed", RandomTenant.CREATED));

        assertThat(tenants.recordingPolicy(id)).as("renaming keeps the policy").isEqualTo(RecordingPolicy.ALWAYS);
        assertThat(tenants.saveRecordingPolicy("no-such-tenant", RecordingPolicy.NEVER)).isFalse();
    }

    @Test
    void roundTripsATenantToTheMillisecond() {
        Tenant tenant = new Tenant(newId(), "Acme", Instant.parse("2026-11-21T10:15:30.123456Z"));

        tenants.save(tenant);

        assertThat(tenants.find(tenant.id())).contains(tenant);
        assertThat(tenant.createdAt()).isEqualTo(Instant.parse("2026-11-21T10:15:30.123Z"));
    }

    @Test
    void renamingKeepsCreationTime() {
        String id = newId();
        tenants.save(new Tenant(id, "Old name", Instant.parse("2026-01-01T00:00:00Z")));

        tenants.save(new Tenant(id, "New name", Instant.parse("2026-06-01T00:00:00Z")));

        assertThat(tenants.find(id)).contains(new Tenant(id, "New name", Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void deletingATenantDeletesWhatItOwns() {
        String id = RandomTenant.create(dataSource);
        new Extensions(dataSource).save(id, "1001", "X", "pbx.example", "secret");
        new SipDomains(dataSource).save(new SipDomain(id + ".example", id));

        assertThat(tenants.delete(id)).isTrue();

        assertThat(tenants.find(id)).isEmpty();
        assertThat(new Extensions(dataSource).list(id)).isEmpty();
        assertThat(new SipDomains(dataSource).tenantOf(id + ".example")).isEmpty();
    }

    @Test
    void listsTenantsById() {
        String b = "b-" + UUID.randomUUID();
        String a = "a-" + UUID.randomUUID();
        tenants.save(new Tenant(b, "B", RandomTenant.CREATED));
        tenants.save(new Tenant(a, "A", RandomTenant.CREATED));

        assertThat(tenants.list()).extracting(Tenant::id).containsSubsequence(a, b);
    }

    private static String newId() {
        return "t-" + UUID.randomUUID();
    }

    @Test
    void aDisabledTenantLosesItsSipDomainsUntilEnabledAgain() {
        String id = RandomTenant.create(dataSource);
        SipDomains domains = new SipDomains(dataSource);
        domains.save(new SipDomain(id + ".example", id));
        assertThat(tenants.disabled(id)).isFalse();

        assertThat(tenants.setDisabled(id, true)).isTrue();

        assertThat(tenants.disabled(id)).isTrue();
        assertThat(tenants.disabledIds()).contains(id);
        assertThat(domains.activeTenantOf(id + ".example")).isEmpty();
        assertThat(domains.tenantOf(id + ".example")).contains(id);

        tenants.setDisabled(id, false);
        assertThat(domains.activeTenantOf(id + ".EXAMPLE")).contains(id);
        assertThat(tenants.setDisabled("no-such-tenant", true)).isFalse();
    }
}
