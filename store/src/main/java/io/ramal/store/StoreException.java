package io.ramal.store;

import java.sql.SQLException;

/** A database operation failed: the database is unreachable, or a constraint refused the change. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    static StoreException of(String sql, SQLException cause) {
        return new StoreException(
                "SQL failed (state " + cause.getSQLState() + "): " + sql.strip() + ": " + cause.getMessage(), cause);
    }
}
