-- Voice menus (IVR) per tenant, and DIDs that lead to one (issues #3 and #6, inbound routing targets).
-- Portable: the same statements run on SQLite and PostgreSQL. Durations are milliseconds (BIGINT),
-- times epoch milliseconds.

-- A menu. prompt: the SHA-256 (lower-case hex) of its prompt's audio, stored by the server as
-- <data_dir>/prompts/<tenant>/<sha256>.wav; NULL while none was uploaded (callers hear a beep).
-- default_target / invalid_target: 'extension:N', 'queue:NAME', 'number:N' or 'ivr:NAME', NULL = none
-- (hang up after the replays / replay on an invalid key). Targets are text, not foreign keys, like a
-- queue's overflow: what they name is checked when they are written and again when a caller is routed.
CREATE TABLE ivr_menus (
    tenant_id      TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,
    prompt         TEXT,
    timeout_ms     BIGINT  NOT NULL CHECK (timeout_ms >= 1000 AND timeout_ms <= 60000),
    max_retries    INTEGER NOT NULL CHECK (max_retries >= 0 AND max_retries <= 10),
    default_target TEXT,
    invalid_target TEXT,
    created_at     BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

-- What each key of a menu leads to.
CREATE TABLE ivr_options (
    tenant_id TEXT NOT NULL,
    menu_name TEXT NOT NULL,
    dtmf_key  TEXT NOT NULL CHECK (dtmf_key IN ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#',
                                                'A', 'B', 'C', 'D')),
    target    TEXT NOT NULL,
    PRIMARY KEY (tenant_id, menu_name, dtmf_key),
    FOREIGN KEY (tenant_id, menu_name) REFERENCES ivr_menus (tenant_id, name) ON DELETE CASCADE
);

-- A DID leads to exactly one of an extension, a queue or a menu. SQLite cannot change a CHECK in
-- place, so the table is rebuilt with its rows (as V15 did).
CREATE TABLE dids_v17 (
    tenant_id        TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    number           TEXT NOT NULL,
    target_extension TEXT,
    target_queue     TEXT,
    -- A menu by name; a foreign key, so a menu a DID leads to cannot be deleted from under it.
    target_ivr       TEXT,
    PRIMARY KEY (tenant_id, number),
    FOREIGN KEY (tenant_id, target_extension) REFERENCES extensions (tenant_id, number),
    FOREIGN KEY (tenant_id, target_ivr) REFERENCES ivr_menus (tenant_id, name),
    CHECK ((CASE WHEN target_extension IS NULL THEN 0 ELSE 1 END)
         + (CASE WHEN target_queue IS NULL THEN 0 ELSE 1 END)
         + (CASE WHEN target_ivr IS NULL THEN 0 ELSE 1 END) = 1)
);
INSERT INTO dids_v17 (tenant_id, number, target_extension, target_queue)
    SELECT tenant_id, number, target_extension, target_queue FROM dids;
DROP TABLE dids;
ALTER TABLE dids_v17 RENAME TO dids;
