-- Queues (ACD): each tenant's queue definitions and the agents' memberships. Portable: the same file
-- runs on SQLite and PostgreSQL. Durations are milliseconds (BIGINT), times epoch milliseconds,
-- booleans INTEGER 0/1. Callers waiting and the statistics live in memory only (calls do not survive
-- a restart).

-- A queue. max_wait_ms, max_callers, announce_every_ms: NULL = no limit / never. overflow_to:
-- 'extension:N', 'queue:NAME' or 'number:N', NULL = none.
CREATE TABLE queues (
    tenant_id         TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name              TEXT    NOT NULL,
    strategy          TEXT    NOT NULL CHECK (strategy IN ('ring_all', 'longest_idle', 'round_robin',
                                                           'fewest_calls')),
    ring_timeout_ms   BIGINT  NOT NULL CHECK (ring_timeout_ms > 0),
    max_wait_ms       BIGINT  CHECK (max_wait_ms > 0),
    overflow_to       TEXT,
    wrap_up_ms        BIGINT  NOT NULL CHECK (wrap_up_ms >= 0),
    max_callers       INTEGER CHECK (max_callers > 0),
    announce_every_ms BIGINT  CHECK (announce_every_ms > 0),
    service_level_ms  BIGINT  NOT NULL CHECK (service_level_ms > 0),
    created_at        BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

-- An agent (a user) in a queue: its priority tier (lower first) and its pause in this queue.
CREATE TABLE queue_members (
    tenant_id    TEXT    NOT NULL,
    queue_name   TEXT    NOT NULL,
    user_id      TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    priority     INTEGER NOT NULL CHECK (priority >= 0),
    joined_at    BIGINT  NOT NULL,
    paused       INTEGER NOT NULL CHECK (paused IN (0, 1)),
    pause_reason TEXT,
    paused_at    BIGINT,
    PRIMARY KEY (tenant_id, queue_name, user_id),
    FOREIGN KEY (tenant_id, queue_name) REFERENCES queues (tenant_id, name) ON DELETE CASCADE
);
CREATE INDEX queue_members_by_user ON queue_members (tenant_id, user_id);
