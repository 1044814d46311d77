-- Webhooks: each tenant's subscriptions, the durable outbox of deliveries (a delivery is one
-- event for one subscription, written in the same transaction as the event), one log row per
-- delivery attempt, and the addresses a tenant lets its webhooks reach despite the SSRF guard.
-- Portable: the same file runs on SQLite and PostgreSQL. Ids are text chosen by the application,
-- timestamps are epoch milliseconds (BIGINT), booleans are INTEGER 0/1.

-- selectors and headers are JSON text that the API layer writes and reads; the store keeps them
-- as they are. The secret signs every request, so it is kept as given (it cannot be hashed).
CREATE TABLE webhook_subscriptions (
    id              TEXT    NOT NULL PRIMARY KEY,
    tenant_id       TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    description     TEXT    NOT NULL,
    selectors       TEXT    NOT NULL,
    url_template    TEXT    NOT NULL,
    method          TEXT    NOT NULL CHECK (method IN ('GET', 'POST')),
    body_format     TEXT    NOT NULL CHECK (body_format IN ('json', 'form')),
    body_template   TEXT,
    headers         TEXT    NOT NULL,
    secret          TEXT    NOT NULL,
    enabled         INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    disabled_reason TEXT,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);
CREATE INDEX webhook_subscriptions_by_tenant ON webhook_subscriptions (tenant_id);

-- One row per delivery; id is the idempotency id sent on every attempt (Ramal-Delivery-Id).
-- A subscription's pending rows go out strictly in (seq, id) order: only the first pending row
-- of a subscription may be claimed. A claim sets lease_owner/lease_until; a dispatcher that dies
-- leaves the lease to expire, and another one takes the row again. A replay is a new row that
-- names the delivery it repeats in replay_of.
CREATE TABLE webhook_outbox (
    id              TEXT    NOT NULL PRIMARY KEY,
    tenant_id       TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    subscription_id TEXT    NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    seq             BIGINT  NOT NULL,
    event_id        TEXT    NOT NULL,
    event_type      TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at      BIGINT  NOT NULL,
    next_attempt_at BIGINT  NOT NULL,
    lease_owner     TEXT,
    lease_until     BIGINT,
    last_error      TEXT,
    finished_at     BIGINT,
    replay_of       TEXT,
    replayed_at     BIGINT
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (state, next_attempt_at);
CREATE INDEX webhook_outbox_by_subscription ON webhook_outbox (subscription_id, state, seq);
CREATE INDEX webhook_outbox_by_tenant_state ON webhook_outbox (tenant_id, state, finished_at);

CREATE TABLE webhook_attempts (
    id               TEXT    NOT NULL PRIMARY KEY,
    delivery_id      TEXT    NOT NULL REFERENCES webhook_outbox (id) ON DELETE CASCADE,
    tenant_id        TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    attempt          INTEGER NOT NULL CHECK (attempt >= 1),
    started_at       BIGINT  NOT NULL,
    latency_ms       BIGINT  NOT NULL,
    status_code      INTEGER,
    response_snippet TEXT,
    error            TEXT,
    outcome          TEXT    NOT NULL CHECK (outcome IN ('delivered', 'retry', 'dead', 'gone'))
);
CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id, attempt);

-- Addresses (one IP, or a CIDR block) that a tenant's webhooks may reach although the SSRF guard
-- refuses them otherwise (loopback, private, link-local...).
CREATE TABLE webhook_allow_list (
    tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    cidr      TEXT NOT NULL,
    PRIMARY KEY (tenant_id, cidr)
);
