-- Ramal foundation schema.
-- Portable: the same file runs on SQLite and PostgreSQL. Ids are text chosen by the application,
-- timestamps are epoch milliseconds (BIGINT), booleans are INTEGER 0/1.

CREATE TABLE tenants (
    id         TEXT   NOT NULL PRIMARY KEY,
    name       TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);

-- A SIP domain (request-URI / From host) names exactly one tenant.
CREATE TABLE sip_domains (
    domain    TEXT NOT NULL PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE
);
CREATE INDEX sip_domains_by_tenant ON sip_domains (tenant_id);

-- No plain SIP password is ever stored: only HA1 = H(number ":" realm ":" password), hex,
-- for the MD5 and SHA-256 digest algorithms (RFC 2617 / RFC 7616).
CREATE TABLE extensions (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    number       TEXT NOT NULL,
    display_name TEXT NOT NULL,
    realm        TEXT NOT NULL,
    ha1_md5      TEXT NOT NULL,
    ha1_sha256   TEXT NOT NULL,
    PRIMARY KEY (tenant_id, number)
);

-- A trunk's password IS stored as given: to register with, or authenticate to, a provider the
-- PBX must answer the provider's digest challenge, whose realm and algorithm are only known when
-- the challenge arrives, so a precomputed HA1 is not enough.
CREATE TABLE trunks (
    tenant_id TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name      TEXT    NOT NULL,
    host      TEXT    NOT NULL,
    port      INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    transport TEXT    NOT NULL CHECK (transport IN ('udp', 'tcp', 'tls')),
    username  TEXT,
    password  TEXT,
    realm     TEXT,
    register  INTEGER NOT NULL DEFAULT 0 CHECK (register IN (0, 1)),
    PRIMARY KEY (tenant_id, name)
);

CREATE TABLE dids (
    tenant_id        TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    number           TEXT NOT NULL,
    target_extension TEXT NOT NULL,
    PRIMARY KEY (tenant_id, number),
    FOREIGN KEY (tenant_id, target_extension) REFERENCES extensions (tenant_id, number)
);

CREATE TABLE cdrs (
    id               TEXT   NOT NULL PRIMARY KEY,
    tenant_id        TEXT   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    call_id          TEXT   NOT NULL,
    caller           TEXT   NOT NULL,
    callee           TEXT   NOT NULL,
    direction        TEXT   NOT NULL CHECK (direction IN ('internal', 'inbound', 'outbound')),
    started_at       BIGINT NOT NULL,
    answered_at      BIGINT,
    ended_at         BIGINT NOT NULL,
    duration_ms      BIGINT NOT NULL,
    billable_seconds BIGINT NOT NULL,
    disposition      TEXT   NOT NULL
        CHECK (disposition IN ('answered', 'busy', 'no-answer', 'failed', 'cancelled')),
    cause            TEXT   NOT NULL
);
CREATE INDEX cdrs_by_tenant_started ON cdrs (tenant_id, started_at);
