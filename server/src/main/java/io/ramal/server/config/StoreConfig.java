package io.ramal.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Persistence ({@code store.*}). An empty {@code url} means the embedded SQLite file
 * {@code <data_dir>/ramal.db}; see {@link Config#jdbcUrl()}.
 */
public record StoreConfig(Optional<String> url) {
    public static final StoreConfig EMBEDDED = new StoreConfig(Optional.empty());

    public StoreConfig {
        Objects.requireNonNull(url, "url");
        if (url.isPresent() && !url.get().startsWith("jdbc:")) {
            throw new IllegalArgumentException("url must be a JDBC URL starting with 'jdbc:', got '" + url.get() + "'");
        }
    }
}
