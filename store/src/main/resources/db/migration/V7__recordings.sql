-- Call recordings: one row per recording of a call (a call stopped and started again has
-- recordings n = 1, 2, ...), and the recording policy of tenants and extensions.
-- Portable: the same file runs on SQLite and PostgreSQL. Ids are text chosen by the application,
-- timestamps are epoch milliseconds (BIGINT), sizes are bytes.
--
-- Paths are relative to the recordings directory (<data_dir>/recordings), so moving the data
-- directory keeps the index valid. A row goes recording <-> paused -> processing (stopped; the
-- WAV is closed, then measured, then the MP3 is made) -> ready, or -> failed. Sizes and SHA-256
-- checksums are set when a file is complete; mp3_path stays NULL until the MP3 exists.
CREATE TABLE recordings (
    id               TEXT    NOT NULL PRIMARY KEY,
    tenant_id        TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    call_id          TEXT    NOT NULL,
    seq              INTEGER NOT NULL CHECK (seq >= 1),
    caller_extension TEXT,
    callee_extension TEXT,
    state            TEXT    NOT NULL
        CHECK (state IN ('recording', 'paused', 'processing', 'ready', 'failed')),
    started_at       BIGINT  NOT NULL,
    ended_at         BIGINT,
    duration_ms      BIGINT  NOT NULL DEFAULT 0 CHECK (duration_ms >= 0),
    paused_ms        BIGINT  NOT NULL DEFAULT 0 CHECK (paused_ms >= 0),
    wav_path         TEXT    NOT NULL,
    wav_size         BIGINT,
    wav_sha256       TEXT,
    mp3_path         TEXT,
    mp3_size         BIGINT,
    mp3_sha256       TEXT,
    stereo_path      TEXT,
    stereo_size      BIGINT,
    stereo_sha256    TEXT,
    stop_reason      TEXT,
    failure          TEXT,
    UNIQUE (tenant_id, call_id, seq)
);
CREATE INDEX recordings_by_tenant_started ON recordings (tenant_id, started_at);
CREATE INDEX recordings_unfinished ON recordings (state);

-- Whether calls are recorded without being asked: always, never, or when the API asks
-- (on_demand). An extension without a policy of its own (NULL) follows its tenant's.
ALTER TABLE tenants ADD COLUMN record_policy TEXT NOT NULL DEFAULT 'on_demand'
    CHECK (record_policy IN ('always', 'never', 'on_demand'));
ALTER TABLE extensions ADD COLUMN record_policy TEXT
    CHECK (record_policy IN ('always', 'never', 'on_demand'));
