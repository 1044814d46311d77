package io.ramal.store.testing;

/** The database engines every store test runs against. */
public enum Backend {
    SQLITE,
    POSTGRESQL
}
