package io.ramal.api.history;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.calls.CallAccess;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.store.CallRecord;
import io.ramal.store.CallRecords;
import io.ramal.store.CdrPage;
import io.ramal.store.CdrQuery;
import io.ramal.store.MediaQualities;
import io.ramal.store.MediaQuality;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Call history under {@code /api/v1/cdrs}: one record per finished call, newest first, filtered
 * by time, extension, direction and disposition, paged with an opaque cursor. A record's
 * {@code id} is the call's id in events and in {@code /api/v1/calls}, and it links the call's
 * recordings. A call whose media Ramal anchored carries its {@code media_quality}: per leg, what
 * Ramal measured of the phone's stream and what the phone's RTCP reported of Ramal's. An agent sees
 * the calls of its own extension only; another tenant's record is 404.
 */
public final class CdrRoutes {

    public static final String CDRS = "/api/v1/cdrs";
    public static final String CDR = CDRS + "/{id}";

    private final BearerAuthentication authentication;
    private final CallRecords records;
    private final MediaQualities qualities;

    public CdrRoutes(BearerAuthentication authentication, CallRecords records, MediaQualities qualities) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.records = Objects.requireNonNull(records, "records");
        this.qualities = Objects.requireNonNull(qualities, "qualities");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(CDRS, this::list);
        routes.get(CDR, this::show);
    }

    private void list(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        CdrQuery query = CdrFilters.parse(ctx::queryParam);
        Optional<String> own = CallAccess.narrowedTo(caller);
        if (own.isPresent()) {
            if (query.extension().isPresent() && !query.extension().equals(own)) {
                throw new ApiException(403, "forbidden", "an agent sees the calls of its own extension only");
            }
            query = query.withExtension(own.get());
        }
        CdrPage page = records.list(caller.tenantId(), query);
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, List<MediaQuality>> quality = new HashMap<>();
        qualities.ofCalls(caller.tenantId(), page.records().stream().map(CallRecord::id).toList())
                .forEach(q -> quality.computeIfAbsent(q.callId(), id -> new java.util.ArrayList<>()).add(q));
        body.put("cdrs", page.records().stream().map(r -> view(r, quality.getOrDefault(r.id(), List.of()))).toList());
        body.put("next_cursor", page.nextCursor().orElse(null));
        Json.write(ctx, 200, body);
    }

    private void show(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        CallRecord cdr = records.find(caller.tenantId(), ctx.pathParam("id"))
                .filter(r -> CallAccess.narrowedTo(caller).map(own -> own.equals(r.caller()) || own.equals(r.callee()))
                        .orElse(true))
                .orElseThrow(() -> new ApiException(404, "cdr_not_found", "no call record " + ctx.pathParam("id")));
        Json.write(ctx, 200, view(cdr, qualities.ofCall(caller.tenantId(), cdr.id())));
    }

    /**
     * A CDR as {@code cdr.created} events show it: the call's media quality is stored a moment
     * after the CDR, so the event has none ({@code media_quality: null}); read the CDR for it.
     */
    public static Map<String, Object> view(CallRecord r) {
        return view(r, List.of());
    }

    /** A CDR as the API shows it, with the media quality of its legs. */
    static Map<String, Object> view(CallRecord r, List<MediaQuality> quality) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.id());
        v.put("sip_call_id", r.callId());
        v.put("caller", r.caller());
        v.put("callee", r.callee());
        v.put("direction", r.direction().wireName());
        v.put("disposition", CdrFilters.dispositionName(r.disposition()));
        v.put("cause", r.cause());
        v.put("started_at", r.startedAt().toString());
        v.put("answered_at", r.answeredAt().map(Object::toString).orElse(null));
        v.put("ended_at", r.endedAt().toString());
        v.put("duration_ms", r.duration().toMillis());
        v.put("billable_seconds", r.billableSeconds());
        v.put("media_quality", quality.isEmpty() ? null : quality(quality));
        v.put("links", Map.of("self", CDRS + "/" + r.id(), "recordings", "/api/v1/recordings?call_id=" + r.id()));
        return v;
    }

    private static Map<String, Object> quality(List<MediaQuality> legs) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("caller", null);
        v.put("callee", null);
        legs.forEach(q -> v.put(q.leg().wireName(), leg(q)));
        return v;
    }

    private static Map<String, Object> leg(MediaQuality q) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("packets_sent", q.packetsSent());
        v.put("packets_received", q.packetsReceived());
        v.put("packets_lost", q.packetsLost());
        v.put("loss_ratio", round(q.lossRatio(), 4));
        v.put("jitter_ms", millis(q.jitter()));
        v.put("rtcp_reports_sent", q.reportsSent());
        v.put("rtcp_reports_received", q.reportsReceived());
        v.put("peer_report", q.peer().map(p -> {
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("loss_ratio", round(p.lossRatio(), 4));
            peer.put("cumulative_lost", p.cumulativeLost());
            peer.put("jitter_ms", millis(p.jitter()));
            peer.put("round_trip_ms", p.roundTrip().map(CdrRoutes::millis).orElse(null));
            return peer;
        }).orElse(null));
        v.put("max_round_trip_ms", q.maxRoundTrip().map(CdrRoutes::millis).orElse(null));
        return v;
    }

    private static double millis(Duration d) {
        return round(d.toNanos() / 1e6, 3);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
