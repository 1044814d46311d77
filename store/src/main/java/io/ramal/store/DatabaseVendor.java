package io.ramal.store;

/** The database engines Ramal runs on; the JDBC URL decides which one. */
public enum DatabaseVendor {
    /** Embedded, one file; the default for a single node. */
    SQLITE("jdbc:sqlite:"),
    /** A server, for larger or replicated installations. */
    POSTGRESQL("jdbc:postgresql:");

    private final String urlPrefix;

    DatabaseVendor(String urlPrefix) {
        this.urlPrefix = urlPrefix;
    }

    /** The vendor a JDBC URL points at; {@link IllegalArgumentException} for any other URL. */
    public static DatabaseVendor of(String jdbcUrl) {
        for (DatabaseVendor vendor : values()) {
            if (jdbcUrl.startsWith(vendor.urlPrefix)) {
                return vendor;
            }
        }
        throw new IllegalArgumentException(
                "unsupported JDBC URL (expected jdbc:sqlite: or jdbc:postgresql:): " + jdbcUrl);
    }

    String urlPrefix() {
        return urlPrefix;
    }
}
