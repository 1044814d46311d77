package io.ramal.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Persistence ({@code store.*}). An empty {@code url} means the embedded SQLite file
 * {@code <data_dir>/ramal.db}; see {@link Config#jdbcUrl()}. An empty {@code secretsKeyFile}
 * means {@code <data_dir>/secrets.key}; see {@link Config#secretsKeyFile()}.
 */
public record StoreConfig(Optional<String> url, Optional<String> secretsKeyFile) {
    public static final StoreConfig EMBEDDED = new StoreConfig(Optional.empty());

    public StoreConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secretsKeyFile, "secretsKeyFile");
        if (url.isPresent() && !url.get().startsWith("jdbc:")) {
            throw new IllegalArgumentException("url must be a JDBC URL starting with 'jdbc:', got '" + url.get() + "'");
        }
        if (secretsKeyFile.isPresent() && secretsKeyFile.get().isBlank()) {
            throw new IllegalArgumentException("secrets_key_file must not be empty");
        }
    }

    /** The store at {@code url}, its secrets key in the data directory. */
    public StoreConfig(Optional<String> url) {
        this(url, Optional.empty());
    }
}
