-- Screen pops and the CRM lookup that fills them. Portable like the other migrations: ids are
-- text chosen by the application, timestamps epoch milliseconds (BIGINT), booleans INTEGER 0/1.

-- One row per call and agent: the claim that this agent gets (or got) its screen pop for this
-- call. It is inserted in the same transaction as the call.delivered event that rings the agent,
-- and the primary key makes a second claim for the same call and agent (the call ringing there
-- again: forked contacts, a transfer back, a queue ringing twice) insert nothing. The pop itself
-- is appended later, after the CRM lookup, in a transaction that moves the row from 'pending' to
-- 'popped' only if it still is pending, so a pop is appended at most once even if two nodes work
-- on the same claim.
-- agent: the user's id, or 'extension:<number>' for an extension no user is bound to.
-- draft: JSON of the pop's fields known at ringing time (caller, direction, user, ...).
CREATE TABLE screen_pops (
    tenant_id     TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    call_id       TEXT    NOT NULL,
    agent         TEXT    NOT NULL,
    delivered_seq BIGINT  NOT NULL,
    draft         TEXT    NOT NULL,
    state         TEXT    NOT NULL CHECK (state IN ('pending', 'popped', 'expired')),
    created_at    BIGINT  NOT NULL,
    lease_owner   TEXT,
    lease_until   BIGINT,
    popped_seq    BIGINT,
    finished_at   BIGINT,
    PRIMARY KEY (tenant_id, call_id, agent)
);
CREATE INDEX screen_pops_by_state ON screen_pops (state, created_at);

-- A tenant's CRM lookup: a URL template with the caller's number, asked before each screen pop.
-- headers is JSON text ({"name":"value"}) that the API layer writes and reads.
CREATE TABLE crm_lookups (
    tenant_id    TEXT    NOT NULL PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    url_template TEXT    NOT NULL,
    headers      TEXT    NOT NULL,
    timeout_ms   BIGINT  NOT NULL CHECK (timeout_ms > 0),
    cache_ttl_ms BIGINT  NOT NULL CHECK (cache_ttl_ms >= 0),
    enabled      INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    updated_at   BIGINT  NOT NULL
);
