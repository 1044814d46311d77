package io.ramal.store;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The supervision audit ({@code supervision_audit}): every start, mode change and end of a call's
 * supervision, with who did it and when. Rows are only ever added; listed oldest first in pages.
 */
public final class SupervisionAudit {

    /** The most rows one page may hold. */
    public static final int MAX_LIMIT = 1000;
    private static final String COLUMNS = "id, tenant_id, supervision_id, call_id, action, user_id, supervisor_device,"
            + " mode, agent, detail, at";
    private final DataSource dataSource;
    private final Sql sql;

    public SupervisionAudit(DataSource dataSource) {
        this.dataSource = dataSource;
        this.sql = new Sql(dataSource);
    }

    public void add(SupervisionStep step) {
        Sql.inTransaction(dataSource, "store a supervision step", connection -> {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO supervision_audit (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, step.id());
                s.setString(2, step.tenantId());
                s.setString(3, step.supervisionId());
                s.setString(4, step.callId());
                s.setString(5, step.action());
                s.setString(6, step.userId());
                s.setString(7, step.supervisorDevice());
                s.setString(8, step.mode());
                s.setString(9, step.agent().orElse(null));
                s.setString(10, step.detail().orElse(null));
                s.setLong(11, step.at().toEpochMilli());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** One page of steps, oldest first, after the page {@code cursor} ended; a page of a call's steps with {@code callId}. */
    public Page list(String tenantId, Optional<String> callId, Optional<String> cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", got " + limit);
        }
        StringBuilder where = new StringBuilder(" WHERE tenant_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(tenantId));
        callId.ifPresent(call -> {
            where.append(" AND call_id = ?");
            parameters.add(call);
        });
        if (cursor.isPresent()) {
            String[] after = decode(cursor.get());
            long millis = Long.parseLong(after[0]);
            where.append(" AND (at > ? OR (at = ? AND id > ?))");
            parameters.add(millis);
            parameters.add(millis);
            parameters.add(after[1]);
        }
        parameters.add(limit + 1);
        List<SupervisionStep> rows = sql.list("SELECT " + COLUMNS + " FROM supervision_audit" + where
                + " ORDER BY at, id LIMIT ?", SupervisionAudit::read, parameters);
        if (rows.size() <= limit) {
            return new Page(rows, Optional.empty());
        }
        List<SupervisionStep> page = rows.subList(0, limit);
        SupervisionStep last = page.getLast();
        return new Page(page, Optional.of(encode(last.at().toEpochMilli() + ":" + last.id())));
    }

    /** One page of the audit and where the next starts (empty on the last page). */
    public record Page(List<SupervisionStep> steps, Optional<String> nextCursor) {
        public Page {
            steps = List.copyOf(steps);
        }
    }

    private static SupervisionStep read(ResultSet row) throws SQLException {
        return new SupervisionStep(row.getString("id"), row.getString("tenant_id"), row.getString("supervision_id"),
                row.getString("call_id"), row.getString("action"), row.getString("user_id"),
                row.getString("supervisor_device"), row.getString("mode"), Sql.optionalString(row, "agent"),
                Sql.optionalString(row, "detail"), Sql.instant(row, "at"));
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon < 1 || colon == plain.length() - 1) {
                throw new IllegalArgumentException("malformed audit cursor");
            }
            Long.parseLong(plain.substring(0, colon));
            return new String[] {plain.substring(0, colon), plain.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed audit cursor: " + cursor, e);
        }
    }
}
