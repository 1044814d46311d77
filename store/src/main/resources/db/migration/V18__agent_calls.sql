-- The calls agents handled, for agent statistics that survive restarts: one row per answer of a call
-- at the device an agent was logged in at, written when the agent's part of the call ended (it hung
-- up, the other side did, or it transferred the call away). Portable like the other migrations:
-- times are epoch milliseconds (BIGINT).
-- queue: the queue whose offer rang the agent (NULL for other calls); wrap_up_ms: the wrap-up that
-- followed (that queue's wrap-up when the call ended; 0 without a queue).
CREATE TABLE agent_calls (
    tenant_id    TEXT   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    call_id      TEXT   NOT NULL,
    agent_id     TEXT   NOT NULL,
    username     TEXT   NOT NULL,
    session_id   TEXT   NOT NULL,
    device       TEXT   NOT NULL,
    queue        TEXT,
    delivered_at BIGINT NOT NULL,
    answered_at  BIGINT NOT NULL,
    ended_at     BIGINT NOT NULL CHECK (ended_at >= answered_at),
    wrap_up_ms   BIGINT NOT NULL CHECK (wrap_up_ms >= 0),
    PRIMARY KEY (tenant_id, call_id, agent_id, answered_at)
);
CREATE INDEX agent_calls_by_agent ON agent_calls (tenant_id, agent_id, answered_at);
CREATE INDEX agent_calls_by_time ON agent_calls (tenant_id, answered_at);
