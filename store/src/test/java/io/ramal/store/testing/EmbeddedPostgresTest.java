package io.ramal.store.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.store.Database;
import io.ramal.store.Tenant;
import io.ramal.store.Tenants;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Exercises the fallback that machines without a PostgreSQL server rely on. */
class EmbeddedPostgresTest {

    @Test
    void startsAPrivateServerThatHoldsAMigratedStoreAndStopsIt() {
        PostgresServer server;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            server = postgres.server();
            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(server.port()).isNotEqualTo(5432);
            try (PostgresSchema schema = PostgresSchema.create(server);
                    Database database = Database.open(schema.config())) {
                new Tenants(database.dataSource()).save(new Tenant("acme", "Acme", Instant.EPOCH));

                assertThat(database.migrate()).isZero();
                assertThat(new Tenants(database.dataSource()).find("acme")).isPresent();
            }
        }
        assertThat(PostgresFixture.answers(server)).isFalse();
    }
}
