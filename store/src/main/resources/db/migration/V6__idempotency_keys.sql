-- Idempotency keys of API mutations: the first request with a key claims it (a row with no
-- status yet); its answer is then kept, so a retry or a double click with the same key gets the
-- same answer instead of acting twice. A key belongs to one caller (a user or an API key) of one
-- tenant. fingerprint is a digest of the method, path and body: the same key with another request
-- is refused. Rows expire after a day. Portable: the same file runs on SQLite and PostgreSQL.
CREATE TABLE idempotency_keys (
    tenant_id     TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    owner         TEXT    NOT NULL,
    idem_key      TEXT    NOT NULL,
    fingerprint   TEXT    NOT NULL,
    status        INTEGER,
    content_type  TEXT,
    body          TEXT,
    location      TEXT,
    created_at    BIGINT  NOT NULL,
    expires_at    BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, owner, idem_key)
);
CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);
