-- The audit of call supervision (listen, whisper, barge): one row per step, never updated.
-- Portable like the other migrations: ids are text chosen by the application, timestamps epoch
-- milliseconds (BIGINT).
-- action: requested (the API asked for it), started (the supervisor's phone answered),
--         mode_changed, ended (cause in detail: stopped, supervisor_hung_up, call_ended, not_answered).
-- user_id: who did it; for steps the PBX reported (started, ended without an API request) the user
--          who asked for the supervision.
CREATE TABLE supervision_audit (
    id                TEXT    NOT NULL PRIMARY KEY,
    tenant_id         TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    supervision_id    TEXT    NOT NULL,
    call_id           TEXT    NOT NULL,
    action            TEXT    NOT NULL CHECK (action IN ('requested', 'started', 'mode_changed', 'ended')),
    user_id           TEXT    NOT NULL,
    supervisor_device TEXT    NOT NULL,
    mode              TEXT    NOT NULL,
    agent             TEXT,
    detail            TEXT,
    at                BIGINT  NOT NULL
);
CREATE INDEX supervision_audit_by_time ON supervision_audit (tenant_id, at, id);
CREATE INDEX supervision_audit_by_call ON supervision_audit (tenant_id, call_id);
