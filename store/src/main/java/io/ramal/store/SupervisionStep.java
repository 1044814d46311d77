package io.ramal.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a call's supervision, as audited: {@code action} is {@code requested},
 * {@code started}, {@code mode_changed} or {@code ended}; {@code userId} who did it.
 */
public record SupervisionStep(String id, String tenantId, String supervisionId, String callId, String action,
        String userId, String supervisorDevice, String mode, Optional<String> agent, Optional<String> detail,
        Instant at) {

    public SupervisionStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(supervisionId, "supervisionId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(supervisorDevice, "supervisorDevice");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(at, "at");
    }

    /** The step as the API lists it. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("supervision_id", supervisionId);
        json.put("call_id", callId);
        json.put("action", action);
        json.put("user_id", userId);
        json.put("supervisor_device", supervisorDevice);
        json.put("mode", mode);
        json.put("agent", agent.orElse(null));
        json.put("detail", detail.orElse(null));
        json.put("at", at.toString());
        return json;
    }
}
