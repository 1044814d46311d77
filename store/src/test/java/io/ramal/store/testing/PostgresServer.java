package io.ramal.store.testing;

import java.util.Objects;

/** Where a PostgreSQL server for tests listens; it trusts the user without a password. */
public record PostgresServer(String host, int port, String database, String user) {

    public PostgresServer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A URL whose connections resolve unqualified names in {@code schema}. */
    public String jdbcUrl(String schema) {
        return jdbcUrl() + "?currentSchema=" + schema;
    }
}
