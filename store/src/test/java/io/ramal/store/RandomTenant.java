package io.ramal.store;

import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/** Creates a tenant with a fresh id, so tests sharing one database never see each other's rows. */
final class RandomTenant {

    static final Instant CREATED = Instant.parse("2026-11-21T09:00:00Z");

    private RandomTenant() {}

    static String create(DataSource dataSource) {
        String id = "t-" + UUID.randomUUID();
        new Tenants(dataSource).save(new Tenant(id, "Tenant " + id, CREATED));
        return id;
    }
}
