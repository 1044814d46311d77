package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
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

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretSeal seal = SecretSeal.generate(RANDOM);
    private final Trunks trunks = new Trunks(dataSource, seal, InstantSource.system());

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

    @Test
    void roundTripsRoutingRegistrationIntervalAndInboundSources() {
        String tenant = RandomTenant.create(dataSource);
        Trunk trunk = new Trunk(tenant, "carrier", "sip.carrier.example", 5060, TrunkTransport.UDP,
                Optional.of(new TrunkAuth("acct", "s3cret")), true, Duration.ofSeconds(300), Set.of("+44", "0044"),
                Optional.of("+442079460000"), Set.of("192.0.2.0/24", "198.51.100.7"));

        trunks.save(trunk);

        assertThat(trunks.find(tenant, "carrier")).contains(trunk);
    }

    @Test
    void thePasswordIsStoredSealedAndOpensOnlyWithTheServersKey() throws SQLException {
        String tenant = RandomTenant.create(dataSource);
        trunks.save(new Trunk(tenant, "sealed", "127.0.0.1", 5080, TrunkTransport.UDP,
                Optional.of(new TrunkAuth("acct", "correct horse battery")), true));

        String stored = column(tenant, "sealed", "password_sealed");
        assertThat(stored).startsWith("v1.").doesNotContain("correct horse battery");
        assertThat(column(tenant, "sealed", "password")).isNull();
        Trunks otherServer = new Trunks(dataSource, SecretSeal.generate(RANDOM), InstantSource.system());
        assertThat(otherServer.find(tenant, "sealed").orElseThrow().auth().orElseThrow().password())
                .as("another key opens nothing").isEmpty();
        assertThat(trunks.find(tenant, "sealed").orElseThrow().auth().orElseThrow().password())
                .isEqualTo("correct horse battery");
    }

    @Test
    void aSealedPasswordCopiedToAnotherTrunkDoesNotOpenThere() throws SQLException {
        String tenant = RandomTenant.create(dataSource);
        trunks.save(new Trunk(tenant, "a", "127.0.0.1", 5080, TrunkTransport.UDP,
                Optional.of(new TrunkAuth("acct", "password-of-a")), true));
        trunks.save(new Trunk(tenant, "b", "127.0.0.1", 5081, TrunkTransport.UDP,
                Optional.of(new TrunkAuth("acct", "password-of-b")), true));
        execute("UPDATE trunks SET password_sealed = '" + column(tenant, "a", "password_sealed")
                + "' WHERE tenant_id = '" + tenant + "' AND name = 'b'");

        assertThat(trunks.find(tenant, "b").orElseThrow().auth().orElseThrow().password()).isEmpty();
    }

    @Test
    void plainPasswordsOfOlderRowsAreSealedOnce() throws SQLException {
        String tenant = RandomTenant.create(dataSource);
        execute("INSERT INTO trunks (tenant_id, name, host, port, transport, username, password, register)"
                + " VALUES ('" + tenant + "', 'old', '127.0.0.1', 5060, 'udp', 'acct', 'plain-secret', 1)");
        assertThat(trunks.find(tenant, "old").orElseThrow().auth().orElseThrow().password()).isEqualTo("plain-secret");

        assertThat(trunks.sealPlainPasswords()).isPositive();

        assertThat(column(tenant, "old", "password")).isNull();
        assertThat(column(tenant, "old", "password_sealed")).startsWith("v1.");
        assertThat(trunks.find(tenant, "old").orElseThrow().auth().orElseThrow().password()).isEqualTo("plain-secret");
        assertThat(trunks.sealPlainPasswords()).isZero();
    }

    @Test
    void theOldestTrunkComesFirstAndDisabledTenantsAreNotActive() {
        String first = RandomTenant.create(dataSource);
        String second = RandomTenant.create(dataSource);
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Trunks ticking = new Trunks(dataSource, seal, () -> now[0]);
        ticking.save(new Trunk(second, "zz-older", "127.0.0.1", 5080, TrunkTransport.UDP, Optional.empty(), false));
        now[0] = now[0].plusSeconds(60);
        ticking.save(new Trunk(first, "aa-newer", "127.0.0.1", 5080, TrunkTransport.UDP, Optional.empty(), false));
        now[0] = now[0].plusSeconds(60);
        ticking.save(new Trunk(second, "zz-older", "127.0.0.9", 5080, TrunkTransport.UDP, Optional.empty(), false));

        assertThat(trunks.all().stream().filter(t -> t.tenantId().equals(first) || t.tenantId().equals(second))
                .map(Trunk::name)).as("saving again keeps the creation time").containsExactly("zz-older", "aa-newer");

        new Tenants(dataSource).setDisabled(second, true);
        assertThat(trunks.active()).noneMatch(t -> t.tenantId().equals(second)).anyMatch(t -> t.tenantId().equals(first));
    }

    private String column(String tenant, String name, String column) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM trunks WHERE tenant_id = ? AND name = ?")) {
            s.setString(1, tenant);
            s.setString(2, name);
            try (ResultSet row = s.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private void execute(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
