-- Agents: pause reasons ("intervalos"), agent groups, position ids, each tenant's session policy,
-- and the interval ledger. Portable: the same file runs on SQLite and PostgreSQL. Ids are text
-- chosen by the application, times are epoch milliseconds (BIGINT), booleans INTEGER 0/1.

-- A tenant's catalogue of pause reasons. group_names: space-separated agent groups that may use the
-- reason ('' = every agent). max_duration_ms: an alert is raised past it (NULL = no limit).
CREATE TABLE pause_reasons (
    tenant_id         TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    productive        INTEGER NOT NULL CHECK (productive IN (0, 1)),
    may_place_calls   INTEGER NOT NULL CHECK (may_place_calls IN (0, 1)),
    may_receive_calls INTEGER NOT NULL CHECK (may_receive_calls IN (0, 1)),
    group_names       TEXT    NOT NULL DEFAULT '',
    max_duration_ms   BIGINT  CHECK (max_duration_ms > 0),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

-- The groups an agent (a user) belongs to, for the reasons it may use (and, later, queues).
CREATE TABLE agent_groups (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_name TEXT NOT NULL,
    PRIMARY KEY (tenant_id, user_id, group_name)
);

-- Position ids (EPBX "IdPa"): a number an agent may log in with, naming an extension.
CREATE TABLE agent_positions (
    tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    position  TEXT NOT NULL,
    extension TEXT NOT NULL,
    PRIMARY KEY (tenant_id, position)
);

-- A tenant's agent session policy (absent: the server's defaults from the config file).
-- vanish_action: what happens when an agent's client and device have been gone vanish_grace_ms:
-- logout, pause (with vanish_reason_id) or stay.
CREATE TABLE agent_policies (
    tenant_id        TEXT   NOT NULL PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    second_login     TEXT   NOT NULL CHECK (second_login IN ('refuse', 'take_over')),
    vanish_grace_ms  BIGINT NOT NULL CHECK (vanish_grace_ms >= 0),
    vanish_action    TEXT   NOT NULL CHECK (vanish_action IN ('logout', 'pause', 'stay')),
    vanish_reason_id TEXT
);

-- The interval ledger: one row per stretch of time an agent spent available, in a pause reason or
-- logged out. Open while ended_at is NULL; each agent has at most one open row. The reason's
-- name and flags are copied, so the row stays true when the catalogue changes.
CREATE TABLE agent_intervals (
    id                TEXT    NOT NULL PRIMARY KEY,
    tenant_id         TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    agent_id          TEXT    NOT NULL,
    username          TEXT    NOT NULL,
    device            TEXT,
    session_id        TEXT,
    logon_type        TEXT    CHECK (logon_type IN ('extension', 'position', 'ip')),
    logon_value       TEXT,
    state             TEXT    NOT NULL CHECK (state IN ('available', 'paused', 'logged_out')),
    reason_id         TEXT,
    reason_name       TEXT,
    reason_productive INTEGER CHECK (reason_productive IN (0, 1)),
    reason_may_place  INTEGER CHECK (reason_may_place IN (0, 1)),
    reason_may_receive INTEGER CHECK (reason_may_receive IN (0, 1)),
    reason_groups     TEXT,
    reason_max_ms     BIGINT,
    started_at        BIGINT  NOT NULL,
    ended_at          BIGINT,
    ended_by          TEXT    CHECK (ended_by IN ('changed', 'after_call', 'logged_out', 'taken_over',
                                                  'vanished', 'logged_in')),
    opened_by         TEXT    NOT NULL
);
CREATE INDEX agent_intervals_by_tenant_started ON agent_intervals (tenant_id, started_at);
CREATE INDEX agent_intervals_by_agent_started ON agent_intervals (tenant_id, agent_id, started_at);
CREATE INDEX agent_intervals_open ON agent_intervals (tenant_id, ended_at);
