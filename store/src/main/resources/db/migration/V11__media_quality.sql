-- Media quality of each anchored call, one row per leg (the caller's and the callee's), written
-- when the call's media closes: what Ramal sent on the leg, what it measured of what it received
-- (RFC 3550 Appendix A: packets received and lost by sequence number, interarrival jitter), and the
-- phone's last RTCP report about Ramal's stream (fraction lost in 1/256, cumulative loss, jitter)
-- with the round-trip time worked out from it. Peer columns are NULL when the phone sent no report
-- about our stream. Times are microseconds. Portable: the same file runs on SQLite and PostgreSQL.
CREATE TABLE media_quality (
    tenant_id            TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    call_id              TEXT    NOT NULL,
    leg                  TEXT    NOT NULL CHECK (leg IN ('caller', 'callee')),
    packets_sent         BIGINT  NOT NULL CHECK (packets_sent >= 0),
    packets_received     BIGINT  NOT NULL CHECK (packets_received >= 0),
    packets_lost         BIGINT  NOT NULL CHECK (packets_lost >= 0),
    jitter_us            BIGINT  NOT NULL CHECK (jitter_us >= 0),
    reports_sent         BIGINT  NOT NULL CHECK (reports_sent >= 0),
    reports_received     BIGINT  NOT NULL CHECK (reports_received >= 0),
    peer_fraction_lost   INTEGER CHECK (peer_fraction_lost BETWEEN 0 AND 255),
    peer_cumulative_lost BIGINT,
    peer_jitter_us       BIGINT,
    round_trip_us        BIGINT,
    max_round_trip_us    BIGINT,
    recorded_at          BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, call_id, leg)
);
CREATE INDEX media_quality_by_recorded ON media_quality (recorded_at);
