package io.ramal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code screen_pops} table: one claim per call and agent. Its primary key is where screen
 * pops are deduplicated: {@link #claim} inserts nothing for a call and agent that already have a
 * claim, whatever its state, so the same call ringing the same agent again never pops twice.
 * {@link #pop} moves a claim to popped only if it is still pending, on the transaction that appends
 * the pop event, so the event exists at most once even when two workers race for one claim.
 * Leases ({@link #lease}) only spare a second worker the CRM lookup; they are not needed for
 * correctness.
 */
public final class ScreenPopClaims {

    private static final String COLUMNS = "tenant_id, call_id, agent, delivered_seq, draft, state, created_at, "
            + "lease_owner, lease_until, popped_seq, finished_at";

    private final Sql sql;

    public ScreenPopClaims(DataSource dataSource) {
        this.sql = new Sql(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * Inserts the claim on the caller's connection (inside its open transaction: the append of the
     * {@code call.delivered} event), unless the call already has a claim for this agent. Returns
     * whether it was inserted. Neither commits nor closes the connection.
     */
    public boolean claim(Connection connection, ScreenPopClaim claim) {
        String insert = "INSERT INTO screen_pops (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, call_id, agent) DO NOTHING";
        try {
            return WebhookStatements.update(connection, insert, claim.tenantId(), claim.callId(), claim.agent(),
                    claim.deliveredSeq(), claim.draft(), claim.state().wireName(), claim.createdAt(),
                    claim.leaseOwner(), claim.leaseUntil(), claim.poppedSeq(), claim.finishedAt()) == 1;
        } catch (SQLException e) {
            throw StoreException.of(insert, e);
        }
    }

    /**
     * Who a call ringing {@code extension} pops for, read on the caller's connection (the append of
     * the {@code call.delivered}), ordered by username:
     * <ol>
     *   <li>the agents logged in at that device: an open interval of the agent ledger, available or
     *       paused, on the device (an agent session follows the agent wherever it logged in);
     *   <li>when none is, the enabled users bound to the extension ({@code users.extension}) that
     *       have no open ledger interval at all, so neither work at another device now nor logged
     *       out (an agent that logged out gets no pops; a user that never logs in as an agent does);
     * </ol>
     * Disabled users never. Empty when nobody answers the extension.
     */
    public List<Agent> agentsAt(Connection connection, String tenantId, String extension) {
        String loggedIn = "SELECT u.id, u.username FROM agent_intervals i JOIN users u"
                + " ON u.id = i.agent_id AND u.tenant_id = i.tenant_id"
                + " WHERE i.tenant_id = ? AND i.device = ? AND i.ended_at IS NULL AND i.state <> 'logged_out'"
                + " AND u.disabled = 0 ORDER BY u.username";
        String bound = "SELECT u.id, u.username FROM users u WHERE u.tenant_id = ? AND u.extension = ?"
                + " AND u.disabled = 0 AND NOT EXISTS (SELECT 1 FROM agent_intervals i"
                + " WHERE i.tenant_id = u.tenant_id AND i.agent_id = u.id AND i.ended_at IS NULL)"
                + " ORDER BY u.username";
        String statement = loggedIn;
        try {
            List<Agent> agents = WebhookStatements.list(connection, loggedIn,
                    row -> new Agent(row.getString("id"), row.getString("username")), tenantId, extension);
            if (!agents.isEmpty()) {
                return agents;
            }
            statement = bound;
            return WebhookStatements.list(connection, bound,
                    row -> new Agent(row.getString("id"), row.getString("username")), tenantId, extension);
        } catch (SQLException e) {
            throw StoreException.of(statement, e);
        }
    }

    /** A user who answers an extension: the one a screen pop is for. */
    public record Agent(String userId, String username) {
        public Agent {
            Text.requireNonBlank(userId, "userId");
            Text.requireNonBlank(username, "username");
        }
    }

    /**
     * Leases up to {@code limit} pending claims whose lease is free at {@code now} to {@code owner}
     * until {@code leaseUntil}, oldest first; returns them as leased.
     */
    public List<ScreenPopClaim> lease(String owner, Instant now, Instant leaseUntil, int limit) {
        Text.requireNonBlank(owner, "owner");
        if (limit < 1) {
            return List.of();
        }
        List<ScreenPopClaim> candidates = sql.list("SELECT " + COLUMNS + " FROM screen_pops WHERE state = 'pending'"
                + " AND (lease_until IS NULL OR lease_until <= ?) ORDER BY created_at LIMIT ?",
                ScreenPopClaims::read, now, limit);
        List<ScreenPopClaim> leased = new ArrayList<>(candidates.size());
        for (ScreenPopClaim candidate : candidates) {
            int updated = sql.update("UPDATE screen_pops SET lease_owner = ?, lease_until = ?"
                    + " WHERE tenant_id = ? AND call_id = ? AND agent = ? AND state = 'pending'"
                    + " AND (lease_until IS NULL OR lease_until <= ?)",
                    owner, leaseUntil, candidate.tenantId(), candidate.callId(), candidate.agent(), now);
            if (updated == 1) {
                leased.add(new ScreenPopClaim(candidate.tenantId(), candidate.callId(), candidate.agent(),
                        candidate.deliveredSeq(), candidate.draft(), candidate.state(), candidate.createdAt(),
                        Optional.of(owner), Optional.of(leaseUntil), candidate.poppedSeq(), candidate.finishedAt()));
            }
        }
        return List.copyOf(leased);
    }

    /**
     * Marks the claim popped by the event {@code poppedSeq}, on the caller's connection (the
     * transaction appending that event), if it is still pending. Returns false when it is not
     * (popped by another worker, or expired): the caller must then roll its append back.
     */
    public boolean pop(Connection connection, String tenantId, String callId, String agent, long poppedSeq,
            Instant now) {
        String update = "UPDATE screen_pops SET state = 'popped', popped_seq = ?, finished_at = ?, lease_owner = NULL,"
                + " lease_until = NULL WHERE tenant_id = ? AND call_id = ? AND agent = ? AND state = 'pending'";
        try {
            return WebhookStatements.update(connection, update, poppedSeq, now, tenantId, callId, agent) == 1;
        } catch (SQLException e) {
            throw StoreException.of(update, e);
        }
    }

    /** Gives up pending claims made before {@code createdBefore} (state expired); returns how many. */
    public int expire(Instant createdBefore, Instant now) {
        return sql.update("UPDATE screen_pops SET state = 'expired', finished_at = ?, lease_owner = NULL,"
                + " lease_until = NULL WHERE state = 'pending' AND created_at < ?", now, createdBefore);
    }

    /** Deletes finished claims (popped or expired) finished before {@code finishedBefore}; returns how many. */
    public int prune(Instant finishedBefore) {
        return sql.update("DELETE FROM screen_pops WHERE state <> 'pending' AND finished_at < ?", finishedBefore);
    }

    public Optional<ScreenPopClaim> find(String tenantId, String callId, String agent) {
        return sql.first("SELECT " + COLUMNS + " FROM screen_pops WHERE tenant_id = ? AND call_id = ? AND agent = ?",
                ScreenPopClaims::read, tenantId, callId, agent);
    }

    /** The claims of one call, by agent. */
    public List<ScreenPopClaim> ofCall(String tenantId, String callId) {
        return sql.list("SELECT " + COLUMNS + " FROM screen_pops WHERE tenant_id = ? AND call_id = ? ORDER BY agent",
                ScreenPopClaims::read, tenantId, callId);
    }

    private static ScreenPopClaim read(ResultSet row) throws SQLException {
        long popped = row.getLong("popped_seq");
        Optional<Long> poppedSeq = row.wasNull() ? Optional.empty() : Optional.of(popped);
        return new ScreenPopClaim(
                row.getString("tenant_id"),
                row.getString("call_id"),
                row.getString("agent"),
                row.getLong("delivered_seq"),
                row.getString("draft"),
                ScreenPopState.fromWireName(row.getString("state")),
                Sql.instant(row, "created_at"),
                Sql.optionalString(row, "lease_owner"),
                Sql.optionalInstant(row, "lease_until"),
                poppedSeq,
                Sql.optionalInstant(row, "finished_at"));
    }
}
