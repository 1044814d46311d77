package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class TrunksTest {

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

    private final Trunks trunks = new Trunks(dataSource);

    @Test
    void roundTripsARegisteringTrunkWithCredentials() {
        String tenant = RandomTenant.create(dataSource);
        Trunk trunk = new Trunk(tenant, "provider", "sip.provider.example", 5061, TrunkTransport.TLS,
                Optional.of(new TrunkAuth("acct42", "pass word", Optional.of("provider.example"))), true);

        trunks.save(trunk);

        assertThat(trunks.find(tenant, "provider")).contains(trunk);
    }

    @Test
    void roundTripsATrunkWithoutCredentials() {
        String tenant = RandomTenant.create(dataSource);
        Trunk trunk = new Trunk(tenant, "peer", "127.0.0.1", 5080, TrunkTransport.UDP, Optional.empty(), false);

        trunks.save(trunk);

        assertThat(trunks.find(tenant, "peer")).contains(trunk);
    }

    @Test
    void savingAgainReplacesTheTrunk() {
        String tenant = RandomTenant.create(dataSource);
        trunks.save(new Trunk(tenant, "peer", "127.0.0.1", 5080, TrunkTransport.UDP,
                Optional.of(new TrunkAuth("user", "old")), true));
        Trunk replaced = new Trunk(tenant, "peer", "127.0.0.2", 5070, TrunkTransport.TCP, Optional.empty(), false);

        trunks.save(replaced);

        assertThat(trunks.list(tenant)).containsExactly(replaced);
    }

    @Test
    void listsRegisteringTrunksOfAllTenants() {
        String first = RandomTenant.create(dataSource);
        String second = RandomTenant.create(dataSource);
        Trunk registering = new Trunk(first, "reg", "127.0.0.1", 5090, TrunkTransport.UDP,
                Optional.of(new TrunkAuth("u", "p")), true);
        Trunk alsoRegistering = new Trunk(second, "reg", "127.0.0.1", 5091, TrunkTransport.UDP,
                Optional.of(new TrunkAuth("u", "p")), true);
        Trunk silent = new Trunk(first, "silent", "127.0.0.1", 5092, TrunkTransport.UDP, Optional.empty(), false);
        trunks.save(registering);
        trunks.save(alsoRegistering);
        trunks.save(silent);

        assertThat(trunks.registering()).contains(registering, alsoRegistering).doesNotContain(silent);
    }

    @Test
    void refusesRegistrationWithoutCredentials() {
        assertThatThrownBy(() -> new Trunk("t", "x", "127.0.0.1", 5060, TrunkTransport.UDP, Optional.empty(), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doesNotPrintThePassword() {
        assertThat(new TrunkAuth("user", "hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void deletesATrunk() {
        String tenant = RandomTenant.create(dataSource);
        trunks.save(new Trunk(tenant, "peer", "127.0.0.1", 5080, TrunkTransport.UDP, Optional.empty(), false));

        assertThat(trunks.delete(tenant, "peer")).isTrue();
        assertThat(trunks.find(tenant, "peer")).isEmpty();
    }
}
