package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class ExtensionsTest {

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

    private final Extensions extensions = new Extensions(dataSource);

    @Test
    void anExtensionFollowsItsTenantsRecordingPolicyUnlessItHasItsOwn() {
        String tenant = RandomTenant.create(dataSource);
        extensions.save(tenant, "1001", "Reception", "pbx.example", "secret-1");
        Extension never = extensions.save(tenant, "1002", "Legal", "pbx.example", "secret-2")
                .withRecordingPolicy(java.util.Optional.of(RecordingPolicy.NEVER));
        extensions.save(never);

        assertThat(extensions.find(tenant, "1001").orElseThrow().recordingPolicy()).isEmpty();
        assertThat(extensions.find(tenant, "1002").orElseThrow().recordingPolicy()).contains(RecordingPolicy.NEVER);

        extensions.save(never.withRecordingPolicy(java.util.Optional.empty()));
        assertThat(extensions.find(tenant, "1002").orElseThrow().recordingPolicy()).isEmpty();
    }

    @Test
    void storesHa1OfNumberRealmAndPasswordButNeverThePassword() throws SQLException {
        String tenant = RandomTenant.create(dataSource);

        extensions.save(tenant, "1001", "Reception", "pbx.example", "Circle Of Life");

        Extension stored = extensions.find(tenant, "1001").orElseThrow();
        assertThat(stored.ha1()).isEqualTo(DigestHa1.of("1001", "pbx.example", "Circle Of Life"));
        assertThat(stored.realm()).isEqualTo("pbx.example");
        assertThat(stored.displayName()).isEqualTo("Reception");
        assertThat(rawColumns(tenant, "1001")).noneMatch(value -> value.contains("Circle Of Life"));
    }

    @Test
    void savingAgainReplacesNameRealmAndHa1() {
        String tenant = RandomTenant.create(dataSource);
        extensions.save(tenant, "1001", "Old", "old.example", "first");

        extensions.save(tenant, "1001", "New", "new.example", "second");

        assertThat(extensions.find(tenant, "1001")).contains(
                Extension.withPassword(tenant, "1001", "New", "new.example", "second"));
        assertThat(extensions.list(tenant)).hasSize(1);
    }

    @Test
    void findsOnlyWithinTheTenant() {
        String tenant = RandomTenant.create(dataSource);
        String other = RandomTenant.create(dataSource);
        extensions.save(tenant, "1001", "Mine", "pbx.example", "secret");

        assertThat(extensions.find(tenant, "1001")).isPresent();
        assertThat(extensions.find(other, "1001")).isEmpty();
        assertThat(extensions.find(tenant, "1002")).isEmpty();
        assertThat(extensions.list(other)).isEmpty();
    }

    @Test
    void listsByNumber() {
        String tenant = RandomTenant.create(dataSource);
        for (String number : List.of("1003", "1001", "1002")) {
            extensions.save(tenant, number, "Extension " + number, "pbx.example", "pw" + number);
        }

        assertThat(extensions.list(tenant)).extracting(Extension::number).containsExactly("1001", "1002", "1003");
    }

    @Test
    void deletesAnExtension() {
        String tenant = RandomTenant.create(dataSource);
        extensions.save(tenant, "1001", "Gone soon", "pbx.example", "secret");

        assertThat(extensions.delete(tenant, "1001")).isTrue();
        assertThat(extensions.delete(tenant, "1001")).isFalse();
        assertThat(extensions.find(tenant, "1001")).isEmpty();
    }

    @Test
    void refusesExtensionOfUnknownTenant() {
        assertThatThrownBy(() -> extensions.save("no-such-tenant", "1001", "X", "pbx.example", "secret"))
                .isInstanceOf(StoreException.class);
    }

    private static List<String> rawColumns(String tenant, String number) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT * FROM extensions WHERE tenant_id = ? AND number = ?")) {
            statement.setString(1, tenant);
            statement.setString(2, number);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                List<String> values = new ArrayList<>();
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    values.add(String.valueOf(row.getString(column)));
                }
                return values;
            }
        }
    }
}
