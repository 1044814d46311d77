package io.ramal.api.events;

import io.ramal.api.ApiError;
import io.ramal.api.auth.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The text frames the server sends besides events, as JSON. */
final class ServerOps {

    static final String PONG = "{\"op\":\"pong\"}";

    private ServerOps() {}

    static String hello(String version, long heartbeatMillis, long authTimeoutMillis, String session) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", "hello");
        op.put("server", "ramal");
        op.put("version", version);
        op.put("heartbeat_ms", heartbeatMillis);
        op.put("auth_timeout_ms", authTimeoutMillis);
        op.put("session", session);
        return EventCodec.write(op);
    }

    /** After a successful auth or renewal; {@code expires_at} is null for credentials that never expire. */
    static String authenticated(Principal principal, Optional<Instant> expiresAt) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", "authenticated");
        op.put("tenant", principal.tenantId());
        op.put("user", principal.username());
        op.put("expires_at", expiresAt.map(EventCodec::timestamp).orElse(null));
        return EventCodec.write(op);
    }

    static String subscribed(Optional<Long> resumeFrom, EventFilter filter) {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("devices", filter.devices().stream().sorted().toList());
        filters.put("calls", filter.calls().stream().sorted().toList());
        filters.put("types", filter.types().stream().sorted().toList());
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", "subscribed");
        op.put("resume_from", resumeFrom.orElse(null));
        op.put("filters", filters);
        return EventCodec.write(op);
    }

    static String snapshot(Snapshot snapshot) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", "snapshot");
        op.put("seq", snapshot.seq());
        op.put("data", snapshot.data());
        return EventCodec.write(op);
    }

    static String ping(Instant now) {
        return "{\"op\":\"ping\",\"ts\":\"" + EventCodec.timestamp(now) + "\"}";
    }

    static String error(ApiError error) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", "error");
        op.put("code", error.code());
        op.put("message", error.message());
        return EventCodec.write(op);
    }
}
