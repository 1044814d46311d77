package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code media_quality} table: per-leg media quality of ended calls, read by tenant. */
public final class MediaQualities {
    private static final String COLUMNS = "tenant_id, call_id, leg, packets_sent, packets_received, packets_lost, "
            + "jitter_us, reports_sent, reports_received, peer_fraction_lost, peer_cumulative_lost, peer_jitter_us, "
            + "round_trip_us, max_round_trip_us, recorded_at";

    private final Sql sql;

    public MediaQualities(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Stores one leg's quality; a second report for the same leg replaces the first. */
    public void put(MediaQuality q) {
        Optional<MediaQuality.PeerView> peer = q.peer();
        sql.update("DELETE FROM media_quality WHERE tenant_id = ? AND call_id = ? AND leg = ?", q.tenantId(),
                q.callId(), q.leg().wireName());
        sql.update("INSERT INTO media_quality (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                q.tenantId(), q.callId(), q.leg().wireName(), q.packetsSent(), q.packetsReceived(), q.packetsLost(),
                micros(q.jitter()), q.reportsSent(), q.reportsReceived(),
                peer.map(MediaQuality.PeerView::fractionLost), peer.map(MediaQuality.PeerView::cumulativeLost),
                peer.map(p -> micros(p.jitter())), peer.flatMap(MediaQuality.PeerView::roundTrip).map(MediaQualities::micros),
                q.maxRoundTrip().map(MediaQualities::micros), q.recordedAt());
    }

    /** The legs of one call (caller first); empty when the call had no anchored media. */
    public List<MediaQuality> ofCall(String tenantId, String callId) {
        return sql.list("SELECT " + COLUMNS + " FROM media_quality WHERE tenant_id = ? AND call_id = ? ORDER BY leg DESC",
                MediaQualities::read, tenantId, callId);
    }

    /** The legs of several calls of a tenant. */
    public List<MediaQuality> ofCalls(String tenantId, Collection<String> callIds) {
        if (callIds.isEmpty()) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(tenantId);
        parameters.addAll(callIds);
        String marks = String.join(", ", java.util.Collections.nCopies(callIds.size(), "?"));
        return sql.list("SELECT " + COLUMNS + " FROM media_quality WHERE tenant_id = ? AND call_id IN (" + marks
                + ") ORDER BY call_id, leg DESC", MediaQualities::read, parameters);
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }

    private static MediaQuality read(ResultSet row) throws SQLException {
        int fraction = row.getInt("peer_fraction_lost");
        Optional<MediaQuality.PeerView> peer = Optional.empty();
        if (!row.wasNull()) {
            long rtt = row.getLong("round_trip_us");
            Optional<Duration> roundTrip = row.wasNull() ? Optional.empty() : Optional.of(Duration.ofNanos(rtt * 1000));
            peer = Optional.of(new MediaQuality.PeerView(fraction, row.getLong("peer_cumulative_lost"),
                    Duration.ofNanos(row.getLong("peer_jitter_us") * 1000), roundTrip));
        }
        long max = row.getLong("max_round_trip_us");
        Optional<Duration> maxRoundTrip = row.wasNull() ? Optional.empty() : Optional.of(Duration.ofNanos(max * 1000));
        return new MediaQuality(row.getString("tenant_id"), row.getString("call_id"),
                MediaQuality.Leg.fromWireName(row.getString("leg")), row.getLong("packets_sent"),
                row.getLong("packets_received"), row.getLong("packets_lost"),
                Duration.ofNanos(row.getLong("jitter_us") * 1000), row.getLong("reports_sent"),
                row.getLong("reports_received"), peer, maxRoundTrip, Sql.instant(row, "recorded_at"));
    }
}
