package io.ramal.api.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.cti.agent.SecondLogin;
import io.ramal.store.AgentPolicies;
import io.ramal.store.AgentPolicySetting;
import io.ramal.store.PauseReasons;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's agent session policy at {@code /api/v1/agent-policy}: what a second login of an agent
 * does, and what happens to an agent whose client and device vanish for the grace period. Any user
 * reads it; admins change it (a PUT names every field; tenants that never set it follow the
 * server's {@code api.agents.*} defaults).
 */
public final class AgentPolicyRoutes {

    public static final String POLICY = "/api/v1/agent-policy";
    private static final long MAX_GRACE_SECONDS = 86_400;

    private final BearerAuthentication authentication;
    private final AgentDesk desk;
    private final AgentPolicies policies;
    private final PauseReasons reasons;

    public AgentPolicyRoutes(BearerAuthentication authentication, AgentDesk desk, AgentPolicies policies,
            PauseReasons reasons) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.reasons = Objects.requireNonNull(reasons, "reasons");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(POLICY, this::show);
        routes.put(POLICY, this::replace);
    }

    private void show(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        Json.write(ctx, 200, view(desk.setting(caller.tenantId())));
    }

    private void replace(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        ObjectNode body = Json.readObject(ctx);
        SecondLogin second = SecondLogin.fromWire(JsonFields.requiredText(body, "second_login"))
                .orElseThrow(() -> JsonFields.invalid("second_login must be refuse or take_over"));
        JsonNode grace = body.get("vanish_grace_s");
        if (grace == null || !grace.isIntegralNumber() || grace.asLong() < 0 || grace.asLong() > MAX_GRACE_SECONDS) {
            throw JsonFields.invalid("vanish_grace_s must be a whole number of seconds, 0-" + MAX_GRACE_SECONDS);
        }
        AgentPolicySetting.Vanish vanish = AgentPolicySetting.Vanish.fromWire(JsonFields.requiredText(body,
                "vanish_action")).orElseThrow(() -> JsonFields.invalid("vanish_action must be logout, pause or stay"));
        Optional<String> reason = JsonFields.optionalText(body, "vanish_reason_id");
        if (vanish == AgentPolicySetting.Vanish.PAUSE) {
            String id = reason.orElseThrow(() -> JsonFields.invalid("vanish_reason_id is required with pause"));
            if (reasons.find(admin.tenantId(), id).isEmpty()) {
                throw new ApiException(404, "pause_reason_not_found", "no pause reason " + id);
            }
        } else if (reason.isPresent()) {
            throw JsonFields.invalid("vanish_reason_id goes only with vanish_action pause");
        }
        AgentPolicySetting setting = new AgentPolicySetting(second, Duration.ofSeconds(grace.asLong()), vanish,
                reason);
        policies.save(admin.tenantId(), setting);
        desk.policyChanged(admin.tenantId());
        Json.write(ctx, 200, view(setting));
    }

    private static Map<String, Object> view(AgentPolicySetting s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("second_login", s.secondLogin().wire());
        v.put("vanish_grace_s", s.vanishGrace().toSeconds());
        v.put("vanish_action", s.vanish().wire());
        v.put("vanish_reason_id", s.vanishReasonId().orElse(null));
        return v;
    }
}
