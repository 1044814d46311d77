-- A DID now leads to an extension or to a queue of its tenant (issue #6, inbound routing targets).
-- Portable like the other migrations: the same statements run on SQLite and PostgreSQL. SQLite
-- cannot relax a NOT NULL column in place, so the table is rebuilt with its rows.
CREATE TABLE dids_v15 (
    tenant_id        TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    number           TEXT NOT NULL,
    target_extension TEXT,
    -- A queue by name; not a foreign key: a DID may outlive its queue, and its callers are then
    -- released by the queue core (no_such_queue) instead of the queue's deletion being refused.
    target_queue     TEXT,
    PRIMARY KEY (tenant_id, number),
    FOREIGN KEY (tenant_id, target_extension) REFERENCES extensions (tenant_id, number),
    CHECK ((target_extension IS NULL) <> (target_queue IS NULL))
);
INSERT INTO dids_v15 (tenant_id, number, target_extension) SELECT tenant_id, number, target_extension FROM dids;
DROP TABLE dids;
ALTER TABLE dids_v15 RENAME TO dids;
