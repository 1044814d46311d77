package io.ramal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code webhook_outbox} table (deliveries) and the {@code webhook_attempts} log that goes
 * with it.
 *
 * <p>Ordering and claims: a subscription's pending deliveries go out strictly in {@code (seq, id)}
 * order — only the first one (the head) may be claimed, and only while no other delivery of its
 * subscription is leased, so a subscription has at most one delivery in flight and a failing
 * delivery holds back the later ones until it succeeds or is given up, while other subscriptions
 * proceed. (A replay keeps its original's seq, so it becomes the head and goes out next.)
 * {@link #claim} takes a lease on heads with one conditional {@code UPDATE} each, so two
 * dispatchers (threads, processes or nodes) never hold the same delivery: the second one's update
 * finds the lease taken and changes nothing. A dispatcher that dies leaves its leases to expire.
 */
public final class WebhookOutbox {

    private static final String COLUMNS = "id, tenant_id, subscription_id, seq, event_id, event_type, payload, state, "
            + "attempts, created_at, next_attempt_at, lease_owner, lease_until, last_error, finished_at, replay_of, "
            + "replayed_at";
    private static final String QUALIFIED_COLUMNS = "o." + COLUMNS.replace(", ", ", o.");
    private static final String NO_EARLIER_PENDING = " NOT EXISTS (SELECT 1 FROM webhook_outbox p"
            + " WHERE p.subscription_id = %s AND p.state = 'pending' AND (p.seq < %s OR (p.seq = %s AND p.id < %s))) ";
    private static final String NONE_IN_FLIGHT = " AND NOT EXISTS (SELECT 1 FROM webhook_outbox l"
            + " WHERE l.subscription_id = %s AND l.state = 'pending' AND l.id <> %s AND l.lease_until > ?) ";
    private static final String ATTEMPT_COLUMNS = "id, delivery_id, tenant_id, attempt, started_at, latency_ms, "
            + "status_code, response_snippet, error, outcome";

    private final DataSource dataSource;
    private final Sql sql;

    public WebhookOutbox(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.sql = new Sql(dataSource);
    }

    /**
     * Adds a delivery on the caller's connection, inside its open transaction if it has one (the
     * event log's append), so the delivery exists exactly when the event does. Neither commits
     * nor closes the connection.
     */
    public void insert(Connection connection, WebhookDelivery delivery) {
        String insert = "INSERT INTO webhook_outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try {
            WebhookStatements.update(connection, insert, values(delivery));
        } catch (SQLException e) {
            throw StoreException.of(insert, e);
        }
    }

    /** Adds a delivery in a transaction of its own. */
    public void insert(WebhookDelivery delivery) {
        Sql.inTransaction(dataSource, "insert webhook delivery", connection -> {
            insert(connection, delivery);
            return null;
        });
    }

    /**
     * Leases up to {@code limit} deliveries that are due at {@code now}, each the head of an enabled
     * subscription, to {@code owner} until {@code leaseUntil}, counting one more attempt on each.
     * Returns them as leased, soonest due first.
     */
    public List<WebhookDelivery> claim(String owner, Instant now, Instant leaseUntil, int limit) {
        Text.requireNonBlank(owner, "owner");
        if (limit < 1) {
            return List.of();
        }
        List<WebhookDelivery> candidates = sql.list("SELECT " + QUALIFIED_COLUMNS
                + " FROM webhook_outbox o JOIN webhook_subscriptions s ON s.id = o.subscription_id"
                + " WHERE o.state = 'pending' AND s.enabled = 1 AND o.next_attempt_at <= ?"
                + " AND (o.lease_until IS NULL OR o.lease_until <= ?) AND"
                + NO_EARLIER_PENDING.formatted("o.subscription_id", "o.seq", "o.seq", "o.id")
                + NONE_IN_FLIGHT.formatted("o.subscription_id", "o.id")
                + "ORDER BY o.next_attempt_at, o.seq, o.id LIMIT ?",
                WebhookOutbox::read, now, now, now, limit);
        List<WebhookDelivery> claimed = new ArrayList<>(candidates.size());
        for (WebhookDelivery candidate : candidates) {
            int updated = sql.update("UPDATE webhook_outbox SET lease_owner = ?, lease_until = ?, attempts = attempts + 1"
                    + " WHERE id = ? AND state = 'pending' AND (lease_until IS NULL OR lease_until <= ?) AND"
                    + NO_EARLIER_PENDING.formatted("?", "?", "?", "?") + NONE_IN_FLIGHT.formatted("?", "?"),
                    owner, leaseUntil, candidate.id(), now,
                    candidate.subscriptionId(), candidate.seq(), candidate.seq(), candidate.id(),
                    candidate.subscriptionId(), candidate.id(), now);
            if (updated == 1) {
                claimed.add(new WebhookDelivery(candidate.id(), candidate.tenantId(), candidate.subscriptionId(),
                        candidate.seq(), candidate.eventId(), candidate.eventType(), candidate.payload(),
                        candidate.state(), candidate.attempts() + 1, candidate.createdAt(), candidate.nextAttemptAt(),
                        Optional.of(owner), Optional.of(leaseUntil), candidate.lastError(), candidate.finishedAt(),
                        candidate.replayOf(), candidate.replayedAt()));
            }
        }
        return List.copyOf(claimed);
    }

    /**
     * Logs {@code attempt} (if any) and applies {@code next} to the delivery, in one transaction.
     * The transition applies only while {@code owner} still holds the delivery; returns whether it
     * did (false: the lease was lost to another dispatcher, which will finish the delivery; the
     * attempt is logged all the same).
     */
    public boolean complete(String deliveryId, String owner, Optional<WebhookAttempt> attempt,
            WebhookTransition next) {
        Text.requireNonBlank(deliveryId, "deliveryId");
        Text.requireNonBlank(owner, "owner");
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(next, "next");
        return Sql.inTransaction(dataSource, "complete webhook delivery", connection -> {
            if (attempt.isPresent()) {
                WebhookAttempt log = attempt.get();
                WebhookStatements.update(connection, "INSERT INTO webhook_attempts (" + ATTEMPT_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        log.id(), log.deliveryId(), log.tenantId(), log.attempt(), log.startedAt(), log.latencyMs(),
                        log.statusCode(), log.responseSnippet(), log.error(), log.outcome().wireName());
            }
            String owned = " WHERE id = ? AND lease_owner = ? AND state = 'pending'";
            int updated = switch (next) {
                case WebhookTransition.Delivered delivered -> WebhookStatements.update(connection,
                        "UPDATE webhook_outbox SET state = 'delivered', finished_at = ?, last_error = NULL, "
                                + "lease_owner = NULL, lease_until = NULL" + owned,
                        delivered.at(), deliveryId, owner);
                case WebhookTransition.Retry retry -> WebhookStatements.update(connection,
                        "UPDATE webhook_outbox SET next_attempt_at = ?, last_error = ?, "
                                + "lease_owner = NULL, lease_until = NULL" + owned,
                        retry.at(), retry.error(), deliveryId, owner);
                case WebhookTransition.Dead dead -> WebhookStatements.update(connection,
                        "UPDATE webhook_outbox SET state = 'dead', finished_at = ?, last_error = ?, "
                                + "lease_owner = NULL, lease_until = NULL" + owned,
                        dead.at(), dead.error(), deliveryId, owner);
                case WebhookTransition.Release release -> WebhookStatements.update(connection,
                        "UPDATE webhook_outbox SET last_error = ?, lease_owner = NULL, lease_until = NULL, "
                                + "attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END" + owned,
                        release.error(), deliveryId, owner);
            };
            return updated == 1;
        });
    }

    public Optional<WebhookDelivery> find(String tenantId, String id) {
        return sql.first("SELECT " + COLUMNS + " FROM webhook_outbox WHERE tenant_id = ? AND id = ?",
                WebhookOutbox::read, tenantId, id);
    }

    /**
     * A page of one subscription's deliveries, highest seq first (replays before the deliveries
     * they repeat), optionally in one state and below a seq.
     */
    public List<WebhookDelivery> list(String tenantId, String subscriptionId, Optional<WebhookDeliveryState> state,
            Optional<Long> beforeSeq, int limit) {
        StringBuilder query = new StringBuilder("SELECT " + COLUMNS
                + " FROM webhook_outbox WHERE tenant_id = ? AND subscription_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(tenantId, subscriptionId));
        state.ifPresent(s -> {
            query.append(" AND state = ?");
            parameters.add(s.wireName());
        });
        beforeSeq.ifPresent(seq -> {
            query.append(" AND seq < ?");
            parameters.add(seq);
        });
        query.append(" ORDER BY seq DESC, created_at DESC, id DESC LIMIT ?");
        parameters.add(limit);
        return sql.list(query.toString(), WebhookOutbox::read, parameters);
    }

    /** The tenant's dead letters, most recently given up first. */
    public List<WebhookDelivery> deadLetters(String tenantId, int limit) {
        return sql.list("SELECT " + COLUMNS + " FROM webhook_outbox WHERE tenant_id = ? AND state = 'dead' "
                + "ORDER BY finished_at DESC, id DESC LIMIT ?", WebhookOutbox::read, tenantId, limit);
    }

    /** How many deliveries of the subscription wait. */
    public long pending(String tenantId, String subscriptionId) {
        return sql.first("SELECT COUNT(*) AS n FROM webhook_outbox WHERE tenant_id = ? AND subscription_id = ? "
                + "AND state = 'pending'", row -> row.getLong("n"), tenantId, subscriptionId).orElse(0L);
    }

    /**
     * Up to {@code limit} of the subscription's original deliveries (not replays) with a seq in
     * {@code [fromSeq, toSeq]}, in seq order.
     */
    public List<WebhookDelivery> originals(String tenantId, String subscriptionId, long fromSeq, long toSeq,
            int limit) {
        return sql.list("SELECT " + COLUMNS + " FROM webhook_outbox WHERE tenant_id = ? AND subscription_id = ? "
                + "AND replay_of IS NULL AND seq >= ? AND seq <= ? ORDER BY seq, id LIMIT ?",
                WebhookOutbox::read, tenantId, subscriptionId, fromSeq, toSeq, limit);
    }

    /**
     * Queues a new delivery (new id, same event, same subscription) for each of {@code deliveries},
     * naming it in {@code replay_of}, and stamps the originals' {@code replayed_at}; one transaction.
     * The replays keep their originals' seq, so they go out before later pending deliveries of
     * their subscription. Returns the new deliveries.
     */
    public List<WebhookDelivery> replay(List<WebhookDelivery> deliveries, Instant now) {
        List<WebhookDelivery> originals = List.copyOf(deliveries);
        return Sql.inTransaction(dataSource, "replay webhook deliveries", connection -> {
            List<WebhookDelivery> replays = new ArrayList<>(originals.size());
            for (WebhookDelivery original : originals) {
                WebhookDelivery replay = WebhookDelivery.pending(UUID.randomUUID().toString(), original.tenantId(),
                        original.subscriptionId(), original.seq(), original.eventId(), original.eventType(),
                        original.payload(), now, Optional.of(original.id()));
                insert(connection, replay);
                WebhookStatements.update(connection, "UPDATE webhook_outbox SET replayed_at = ? WHERE id = ?",
                        now, original.id());
                replays.add(replay);
            }
            return List.copyOf(replays);
        });
    }

    /** The attempts logged for a delivery, first attempt first. */
    public List<WebhookAttempt> attempts(String tenantId, String deliveryId) {
        return sql.list("SELECT " + ATTEMPT_COLUMNS + " FROM webhook_attempts WHERE tenant_id = ? AND delivery_id = ? "
                + "ORDER BY attempt, started_at, id", WebhookOutbox::readAttempt, tenantId, deliveryId);
    }

    /**
     * Deletes finished deliveries (with their attempt logs): delivered ones finished before
     * {@code deliveredBefore}, dead ones before {@code deadBefore}. Returns how many were deleted.
     */
    public int prune(Instant deliveredBefore, Instant deadBefore) {
        return sql.update("DELETE FROM webhook_outbox WHERE (state = 'delivered' AND finished_at < ?) "
                + "OR (state = 'dead' AND finished_at < ?)", deliveredBefore, deadBefore);
    }

    private static Object[] values(WebhookDelivery delivery) {
        return new Object[] {
            delivery.id(), delivery.tenantId(), delivery.subscriptionId(), delivery.seq(), delivery.eventId(),
            delivery.eventType(), delivery.payload(), delivery.state().wireName(), delivery.attempts(),
            delivery.createdAt(), delivery.nextAttemptAt(), delivery.leaseOwner(), delivery.leaseUntil(),
            delivery.lastError(), delivery.finishedAt(), delivery.replayOf(), delivery.replayedAt()
        };
    }

    private static WebhookDelivery read(ResultSet row) throws SQLException {
        return new WebhookDelivery(
                row.getString("id"),
                row.getString("tenant_id"),
                row.getString("subscription_id"),
                row.getLong("seq"),
                row.getString("event_id"),
                row.getString("event_type"),
                row.getString("payload"),
                WebhookDeliveryState.fromWireName(row.getString("state")),
                row.getInt("attempts"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "next_attempt_at"),
                Sql.optionalString(row, "lease_owner"),
                Sql.optionalInstant(row, "lease_until"),
                Sql.optionalString(row, "last_error"),
                Sql.optionalInstant(row, "finished_at"),
                Sql.optionalString(row, "replay_of"),
                Sql.optionalInstant(row, "replayed_at"));
    }

    private static WebhookAttempt readAttempt(ResultSet row) throws SQLException {
        return new WebhookAttempt(
                row.getString("id"),
                row.getString("delivery_id"),
                row.getString("tenant_id"),
                row.getInt("attempt"),
                Sql.instant(row, "started_at"),
                row.getLong("latency_ms"),
                WebhookStatements.optionalInt(row, "status_code"),
                Sql.optionalString(row, "response_snippet"),
                Sql.optionalString(row, "error"),
                WebhookAttemptOutcome.fromWireName(row.getString("outcome")));
    }
}
