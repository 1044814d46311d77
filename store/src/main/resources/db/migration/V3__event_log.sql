-- The durable per-tenant event log that the WebSocket event stream (and later webhooks) replays.
-- Portable: the same file runs on SQLite and PostgreSQL.

-- One row per tenant that has ever appended: the last seq handed out, and the highest seq that
-- retention has removed. Appends update last_seq in the same transaction as their inserts, so
-- seq values are gap-free (a rolled-back append gives its numbers back) and, because the row
-- stays locked until commit, concurrent appenders (even in other processes) commit in seq order.
CREATE TABLE event_log_heads (
    tenant_id      TEXT   NOT NULL PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    last_seq       BIGINT NOT NULL CHECK (last_seq >= 0),
    pruned_through BIGINT NOT NULL DEFAULT 0 CHECK (pruned_through >= 0)
);

-- The events themselves. payload is the event's own fields as one JSON object text; the envelope
-- (id, seq, ts, tenant, type, call id, device) lives in columns.
CREATE TABLE event_log (
    tenant_id TEXT   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    seq       BIGINT NOT NULL CHECK (seq >= 1),
    id        TEXT   NOT NULL UNIQUE,
    ts        BIGINT NOT NULL,
    type      TEXT   NOT NULL,
    call_id   TEXT,
    device    TEXT,
    payload   TEXT   NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX event_log_by_tenant_ts ON event_log (tenant_id, ts);
