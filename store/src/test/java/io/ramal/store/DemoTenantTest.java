package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class DemoTenantTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final String REALM = "127.0.0.1";

    // The demo tenant has a fixed id, so each test seeds an empty store of its own.
    @Parameter
    Backend backend;

    @Test
    void seedsTheDemoTenantOnceAndThenAddsNothing() {
        try (ScratchDatabase fresh = ScratchDatabase.create(backend)) {
            DemoTenant demo = new DemoTenant(fresh.open().dataSource(), InstantSource.fixed(NOW));

            assertThat(demo.seed(REALM)).isEqualTo(1 + 2 + 10 + 1 + 1);
            assertThat(demo.seed(REALM)).isZero();
            assertThat(demo.seed(REALM)).isZero();
        }
    }

    @Test
    void seededTenantHasDomainsExtensionsTrunkAndDid() {
        try (ScratchDatabase fresh = ScratchDatabase.create(backend)) {
            DataSource store = fresh.open().dataSource();
            new DemoTenant(store, InstantSource.fixed(NOW)).seed(REALM);

            assertThat(new Tenants(store).find("demo")).contains(new Tenant("demo", "Demo", NOW));
            assertThat(new SipDomains(store).tenantOf("127.0.0.1")).contains("demo");
            assertThat(new SipDomains(store).tenantOf("localhost")).contains("demo");
            assertThat(new Extensions(store).list("demo"))
                    .extracting(Extension::number)
                    .containsExactly("1001", "1002", "1003", "1004", "1005", "1006", "1007", "1008", "1009", "1010");
            assertThat(new Extensions(store).find("demo", "1007")).contains(
                    new Extension("demo", "1007", "Extension 1007", REALM, DigestHa1.of("1007", REALM, "demo1007")));
            assertThat(new Trunks(store).find("demo", "demo-trunk")).contains(new Trunk(
                    "demo", "demo-trunk", "127.0.0.1", 5080, TrunkTransport.UDP, Optional.empty(), false));
            assertThat(new Trunks(store).registering()).isEmpty();
            assertThat(new Dids(store).find("demo", "4000")).contains(new Did("demo", "4000", "1001"));
        }
    }

    @Test
    void usesTheRealmItIsGiven() {
        try (ScratchDatabase fresh = ScratchDatabase.create(backend)) {
            DataSource store = fresh.open().dataSource();

            new DemoTenant(store, InstantSource.fixed(NOW)).seed("pbx.demo.example");

            Extension extension = new Extensions(store).find("demo", "1001").orElseThrow();
            assertThat(extension.realm()).isEqualTo("pbx.demo.example");
            assertThat(extension.ha1()).isEqualTo(DigestHa1.of("1001", "pbx.demo.example", "demo1001"));
        }
    }

    @Test
    void reseedingKeepsEditsAndRestoresWhatWasRemoved() {
        try (ScratchDatabase fresh = ScratchDatabase.create(backend)) {
            DataSource store = fresh.open().dataSource();
            DemoTenant demo = new DemoTenant(store, InstantSource.fixed(NOW));
            demo.seed(REALM);
            Extensions extensions = new Extensions(store);
            extensions.save("demo", "1002", "Front desk", REALM, "changed");
            extensions.delete("demo", "1010");

            assertThat(demo.seed(REALM)).isEqualTo(1);

            assertThat(extensions.find("demo", "1002").orElseThrow().displayName()).isEqualTo("Front desk");
            assertThat(extensions.find("demo", "1002").orElseThrow().ha1())
                    .isEqualTo(DigestHa1.of("1002", REALM, "changed"));
            assertThat(extensions.find("demo", "1010")).isPresent();
        }
    }
}
