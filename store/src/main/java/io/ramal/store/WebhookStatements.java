package io.ramal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Statements of the webhook tables on a connection the caller holds: inside the caller's own open
 * transaction (the outbox insert that rides along with an event), or in a transaction of ours.
 * Parameters follow {@link Sql}'s rules.
 */
final class WebhookStatements {

    private WebhookStatements() {}

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    static <T> List<T> list(Connection connection, String sql, Sql.Row<T> row, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(row.read(rows));
                }
                return result;
            }
        }
    }


    static Optional<Integer> optionalInt(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = Objects.requireNonNull(parameters[i], "SQL parameter " + (i + 1));
            if (value instanceof Optional<?> optional) {
                value = optional.orElse(null);
            }
            int index = i + 1;
            switch (value) {
                case null -> statement.setNull(index, Types.NULL);
                case String text -> statement.setString(index, text);
                case Long number -> statement.setLong(index, number);
                case Integer number -> statement.setInt(index, number);
                case Boolean flag -> statement.setInt(index, flag ? 1 : 0);
                case Instant instant -> statement.setLong(index, instant.toEpochMilli());
                default -> throw new IllegalArgumentException("unsupported SQL parameter type: " + value.getClass());
            }
        }
    }
}
