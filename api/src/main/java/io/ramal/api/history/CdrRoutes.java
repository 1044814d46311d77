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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Call history under {@code /api/v1/cdrs}: one record per finished call, newest first, filtered
 * by time, extension, direction and disposition, paged with an opaque cursor. A record's
 * {@code id} is the call's id in events and in {@code /api/v1/calls}, and it links the call's
 * recordings. An agent sees the calls of its own extension only; another tenant's record is 404.
 */
public final class CdrRoutes {

    public static final String CDRS = "/api/v1/cdrs";
    public static final String CDR = CDRS + "/{id}";

    private final BearerAuthentication authentication;
    private final CallRecords records;

    public CdrRoutes(BearerAuthentication authentication, CallRecords records) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.records = Objects.requireNonNull(records, "records");
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
        body.put("cdrs", page.records().stream().map(CdrRoutes::view).toList());
        body.put("next_cursor", page.nextCursor().orElse(null));
        Json.write(ctx, 200, body);
    }

    private void show(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        CallRecord cdr = records.find(caller.tenantId(), ctx.pathParam("id"))
                .filter(r -> CallAccess.narrowedTo(caller).map(own -> own.equals(r.caller()) || own.equals(r.callee()))
                        .orElse(true))
                .orElseThrow(() -> new ApiException(404, "cdr_not_found", "no call record " + ctx.pathParam("id")));
        Json.write(ctx, 200, view(cdr));
    }

    static Map<String, Object> view(CallRecord r) {
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
        v.put("links", Map.of("self", CDRS + "/" + r.id(), "recordings", "/api/v1/recordings?call_id=" + r.id()));
        return v;
    }
}
