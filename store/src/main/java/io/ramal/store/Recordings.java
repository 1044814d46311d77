package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code recordings} table: the index of recorded calls. Every read and write names the
 * tenant: one tenant never sees or changes another's recordings. Each change moves a row only
 * from the states it may come from, and says whether it did, so a late or repeated report
 * changes nothing.
 */
public final class Recordings {

    private static final String COLUMNS = "id, tenant_id, call_id, seq, caller_extension, callee_extension, state, "
            + "started_at, ended_at, duration_ms, paused_ms, wav_path, wav_size, wav_sha256, mp3_path, mp3_size, "
            + "mp3_sha256, stereo_path, stereo_size, stereo_sha256, stop_reason, failure";
    private static final String LIVE = "('recording', 'paused')";

    private final Sql sql;

    public Recordings(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Stores a recording that has just started; {@link StoreException} if its id or (call, seq) is taken. */
    public void insert(Recording r) {
        sql.update("INSERT INTO recordings (" + COLUMNS + ") VALUES "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(), r.tenantId(), r.callId(), r.seq(), r.callerExtension(), r.calleeExtension(),
                r.status().wireName(), r.startedAt(), r.endedAt(), r.durationMs(), r.pausedMs(), r.wavPath(),
                r.wav().map(RecordingFile::size), r.wav().map(RecordingFile::sha256),
                r.mp3().map(RecordingFile::path), r.mp3().map(RecordingFile::size), r.mp3().map(RecordingFile::sha256),
                r.stereo().map(RecordingFile::path), r.stereo().map(RecordingFile::size),
                r.stereo().map(RecordingFile::sha256), r.stopReason(), r.failure());
    }

    /** Recording → paused. */
    public boolean paused(String tenantId, String id) {
        return sql.update("UPDATE recordings SET state = 'paused' WHERE tenant_id = ? AND id = ? AND state = 'recording'",
                tenantId, id) > 0;
    }

    /** Paused → recording, with the time paused so far. */
    public boolean resumed(String tenantId, String id, long pausedMs) {
        return sql.update("UPDATE recordings SET state = 'recording', paused_ms = ? "
                + "WHERE tenant_id = ? AND id = ? AND state = 'paused'", pausedMs, tenantId, id) > 0;
    }

    /** Recording or paused → processing: no more audio; the files are being finished. */
    public boolean stopped(String tenantId, String id, Instant endedAt, long pausedMs, String reason) {
        return sql.update("UPDATE recordings SET state = 'processing', ended_at = ?, paused_ms = ?, stop_reason = ? "
                + "WHERE tenant_id = ? AND id = ? AND state IN " + LIVE, endedAt, pausedMs, reason, tenantId, id) > 0;
    }

    /**
     * The WAV files are complete: their sizes and checksums, and the audio's length. The row
     * becomes {@link RecordingStatus#READY} unless an MP3 is still to come.
     */
    public boolean wavReady(String tenantId, String id, long durationMs, RecordingFile wav,
            Optional<RecordingFile> stereo, boolean mp3Follows) {
        return sql.update("UPDATE recordings SET state = ?, duration_ms = ?, wav_size = ?, wav_sha256 = ?, "
                        + "stereo_path = ?, stereo_size = ?, stereo_sha256 = ? "
                        + "WHERE tenant_id = ? AND id = ? AND wav_path = ? AND state = 'processing'",
                mp3Follows ? "processing" : "ready", durationMs, wav.size(), wav.sha256(),
                stereo.map(RecordingFile::path), stereo.map(RecordingFile::size), stereo.map(RecordingFile::sha256),
                tenantId, id, wav.path()) > 0;
    }

    /** The MP3 was made ({@code mp3}) or could not be ({@code empty}): the recording is ready either way. */
    public boolean mp3Ready(String tenantId, String id, Optional<RecordingFile> mp3) {
        return sql.update("UPDATE recordings SET state = 'ready', mp3_path = ?, mp3_size = ?, mp3_sha256 = ? "
                        + "WHERE tenant_id = ? AND id = ? AND state = 'processing' AND wav_sha256 IS NOT NULL",
                mp3.map(RecordingFile::path), mp3.map(RecordingFile::size), mp3.map(RecordingFile::sha256),
                tenantId, id) > 0;
    }

    /** Writing failed: the row says why (from any state but ready). */
    public boolean failed(String tenantId, String id, Instant at, String failure) {
        return sql.update("UPDATE recordings SET state = 'failed', failure = ?, ended_at = COALESCE(ended_at, ?) "
                        + "WHERE tenant_id = ? AND id = ? AND state <> 'ready' AND state <> 'failed'",
                failure, at, tenantId, id) > 0;
    }

    /**
     * After a restart, no recording is still being written: rows left live or half-finished by
     * the previous run are closed. A row whose WAV was complete becomes ready (without an MP3);
     * any other becomes failed with {@code failure}. Returns how many rows changed.
     */
    public int closeUnfinished(Instant at, String failure) {
        int ready = sql.update("UPDATE recordings SET state = 'ready' "
                + "WHERE state = 'processing' AND wav_sha256 IS NOT NULL");
        int failed = sql.update("UPDATE recordings SET state = 'failed', failure = ?, ended_at = COALESCE(ended_at, ?) "
                + "WHERE state IN ('recording', 'paused', 'processing')", failure, at);
        return ready + failed;
    }

    /**
     * The tenant's finished recordings (ready or failed) that started and ended before
     * {@code cutoff}, oldest first, at most {@code limit}: what a retention of that age removes.
     * Live and processing recordings are never listed.
     */
    public List<Recording> finishedBefore(String tenantId, Instant cutoff, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return sql.list("SELECT " + COLUMNS + " FROM recordings WHERE tenant_id = ? AND started_at < ? "
                        + "AND COALESCE(ended_at, started_at) < ? AND state IN ('ready', 'failed') "
                        + "ORDER BY started_at, id LIMIT ?",
                Recordings::read, tenantId, cutoff, cutoff, limit);
    }

    /** Removes a finished recording's row (its files are the caller's); false if none was removed. */
    public boolean delete(String tenantId, String id) {
        return sql.update("DELETE FROM recordings WHERE tenant_id = ? AND id = ? AND state IN ('ready', 'failed')",
                tenantId, id) > 0;
    }

    /** The tenants that have any recording. */
    public List<String> tenants() {
        return sql.list("SELECT DISTINCT tenant_id FROM recordings ORDER BY tenant_id", row -> row.getString(1));
    }

    public Optional<Recording> find(String tenantId, String id) {
        return sql.first("SELECT " + COLUMNS + " FROM recordings WHERE tenant_id = ? AND id = ?",
                Recordings::read, tenantId, id);
    }

    /** The call's recordings, first to last. */
    public List<Recording> ofCall(String tenantId, String callId) {
        return sql.list("SELECT " + COLUMNS + " FROM recordings WHERE tenant_id = ? AND call_id = ? ORDER BY seq",
                Recordings::read, tenantId, callId);
    }

    /** One page of the tenant's recordings matching the query, newest first. */
    public RecordingPage list(String tenantId, RecordingQuery query) {
        StringBuilder where = new StringBuilder(" WHERE tenant_id = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(Text.requireNonBlank(tenantId, "tenantId"));
        query.callId().ifPresent(callId -> {
            where.append(" AND call_id = ?");
            parameters.add(callId);
        });
        query.startedFrom().ifPresent(from -> {
            where.append(" AND started_at >= ?");
            parameters.add(from);
        });
        query.startedUntil().ifPresent(until -> {
            where.append(" AND started_at < ?");
            parameters.add(until);
        });
        query.extension().ifPresent(number -> {
            where.append(" AND (caller_extension = ? OR callee_extension = ?)");
            parameters.add(number);
            parameters.add(number);
        });
        query.after().map(RecordingCursor::decode).ifPresent(cursor -> {
            where.append(" AND (started_at < ? OR (started_at = ? AND id < ?))");
            parameters.add(cursor.startedAtMillis());
            parameters.add(cursor.startedAtMillis());
            parameters.add(cursor.id());
        });
        parameters.add(query.limit() + 1); // one more tells whether another page follows
        List<Recording> rows = sql.list(
                "SELECT " + COLUMNS + " FROM recordings" + where + " ORDER BY started_at DESC, id DESC LIMIT ?",
                Recordings::read, parameters);
        if (rows.size() <= query.limit()) {
            return new RecordingPage(rows, Optional.empty());
        }
        List<Recording> page = rows.subList(0, query.limit());
        return new RecordingPage(page, Optional.of(RecordingCursor.after(page.getLast()).encode()));
    }

    private static Recording read(ResultSet row) throws SQLException {
        String wavPath = row.getString("wav_path");
        return new Recording(
                row.getString("id"),
                row.getString("tenant_id"),
                row.getString("call_id"),
                row.getInt("seq"),
                Sql.optionalString(row, "caller_extension"),
                Sql.optionalString(row, "callee_extension"),
                RecordingStatus.fromWireName(row.getString("state")),
                Sql.instant(row, "started_at"),
                Sql.optionalInstant(row, "ended_at"),
                row.getLong("duration_ms"),
                row.getLong("paused_ms"),
                wavPath,
                file(row, wavPath, "wav_size", "wav_sha256"),
                file(row, row.getString("mp3_path"), "mp3_size", "mp3_sha256"),
                file(row, row.getString("stereo_path"), "stereo_size", "stereo_sha256"),
                Sql.optionalString(row, "stop_reason"),
                Sql.optionalString(row, "failure"));
    }

    private static Optional<RecordingFile> file(ResultSet row, String path, String size, String sha256)
            throws SQLException {
        String checksum = row.getString(sha256);
        long bytes = row.getLong(size);
        if (path == null || checksum == null || row.wasNull()) {
            return Optional.empty();
        }
        return Optional.of(new RecordingFile(path, bytes, checksum));
    }
}
