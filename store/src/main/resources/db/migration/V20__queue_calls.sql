-- What became of each caller of a queue, for queue statistics that survive restarts: one row per passage
-- of a call through a queue (a call overflowing to another queue has a row in each), written when the
-- caller entered (outcome 'waiting') and rewritten at the instant its outcome is known, and once more when
-- an answered call ends. Portable like the other migrations: times are epoch milliseconds (BIGINT).
-- outcome: waiting, answered, abandoned, overflowed, timed_out, or refused (the queue was full: the caller
--          never entered; entered_at = left_at = its arrival).
-- agent_id, username, device: who answered (answered only). service_level_ms: the queue's service-level
-- threshold when the outcome was known. ended_at: when an answered call ended (the caller's call's CDR
-- end). destination: where an overflowed (or refused and overflowed) caller went.
CREATE TABLE queue_calls (
    tenant_id        TEXT   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    call_id          TEXT   NOT NULL,
    queue            TEXT   NOT NULL,
    entered_at       BIGINT NOT NULL,
    outcome          TEXT   NOT NULL CHECK (outcome IN ('waiting', 'answered', 'abandoned', 'overflowed',
                                                        'timed_out', 'refused')),
    left_at          BIGINT CHECK (left_at >= entered_at),
    agent_id         TEXT,
    username         TEXT,
    device           TEXT,
    service_level_ms BIGINT NOT NULL CHECK (service_level_ms >= 0),
    ended_at         BIGINT CHECK (ended_at >= left_at),
    destination      TEXT,
    PRIMARY KEY (tenant_id, call_id, queue, entered_at)
);
CREATE INDEX queue_calls_by_queue ON queue_calls (tenant_id, queue, entered_at);
CREATE INDEX queue_calls_by_time ON queue_calls (tenant_id, entered_at);
