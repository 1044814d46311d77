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
import io.ramal.cti.agent.PauseReason;
import io.ramal.store.PauseReasons;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A tenant's catalogue of pause reasons under {@code /api/v1/pause-reasons}: any user of the tenant
 * reads it; admins add, change and remove reasons. A change applies to pauses started after it
 * (the ledger keeps each interval's reason as it was).
 */
public final class PauseReasonRoutes {

    public static final String REASONS = "/api/v1/pause-reasons";
    public static final String REASON = REASONS + "/{id}";
    private static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,40}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
    /** Longest maximum duration a reason may have: a day. */
    private static final long MAX_SECONDS = 86_400;

    private final BearerAuthentication authentication;
    private final PauseReasons reasons;
    private final Consumer<String> changed;

    /** @param changed told the tenant whose catalogue changed (the vanish policy may name a reason) */
    public PauseReasonRoutes(BearerAuthentication authentication, PauseReasons reasons, Consumer<String> changed) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.reasons = Objects.requireNonNull(reasons, "reasons");
        this.changed = Objects.requireNonNull(changed, "changed");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(REASONS, this::list);
        routes.post(REASONS, this::create);
        routes.get(REASON, this::show);
        routes.patch(REASON, this::update);
        routes.delete(REASON, this::delete);
    }

    private void list(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        List<Object> all = new ArrayList<>();
        reasons.list(caller.tenantId()).forEach(r -> all.add(r.toJson()));
        Json.write(ctx, 200, Map.of("reasons", all));
    }

    private void show(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        Json.write(ctx, 200, target(caller, ctx).toJson());
    }

    private void create(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        ObjectNode body = Json.readObject(ctx);
        String id = JsonFields.optionalText(body, "id").map(PauseReasonRoutes::id)
                .orElseGet(() -> UUID.randomUUID().toString().substring(0, 8));
        if (reasons.find(admin.tenantId(), id).isPresent()) {
            throw new ApiException(409, "pause_reason_exists", "pause reason " + id + " exists already");
        }
        PauseReason reason = new PauseReason(id, name(JsonFields.requiredText(body, "name")),
                JsonFields.optionalBoolean(body, "productive").orElse(false),
                JsonFields.optionalBoolean(body, "may_place_calls").orElse(false),
                JsonFields.optionalBoolean(body, "may_receive_calls").orElse(false),
                groups(body).orElse(Set.of()), maxDuration(body).orElse(Optional.empty()));
        save(admin, reason);
        ctx.header("Location", REASONS + "/" + id);
        Json.write(ctx, 201, reason.toJson());
    }

    private void update(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        PauseReason current = target(admin, ctx);
        ObjectNode body = Json.readObject(ctx);
        PauseReason next = new PauseReason(current.id(),
                JsonFields.optionalText(body, "name").map(PauseReasonRoutes::name).orElse(current.name()),
                JsonFields.optionalBoolean(body, "productive").orElse(current.productive()),
                JsonFields.optionalBoolean(body, "may_place_calls").orElse(current.mayPlaceCalls()),
                JsonFields.optionalBoolean(body, "may_receive_calls").orElse(current.mayReceiveCalls()),
                groups(body).orElse(current.groups()), maxDuration(body).orElse(current.maxDuration()));
        save(admin, next);
        Json.write(ctx, 200, next.toJson());
    }

    private void delete(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        PauseReason current = target(admin, ctx);
        reasons.delete(admin.tenantId(), current.id());
        changed.accept(admin.tenantId());
        ctx.status(204);
    }

    private void save(Principal admin, PauseReason reason) {
        Optional<PauseReason> sameName = reasons.findByName(admin.tenantId(), reason.name());
        if (sameName.isPresent() && !sameName.get().id().equals(reason.id())) {
            throw new ApiException(409, "pause_reason_exists", "another pause reason is named " + reason.name());
        }
        reasons.save(admin.tenantId(), reason);
        changed.accept(admin.tenantId());
    }

    private PauseReason target(Principal caller, Context ctx) {
        String id = ctx.pathParam("id");
        return reasons.find(caller.tenantId(), id)
                .orElseThrow(() -> new ApiException(404, "pause_reason_not_found", "no pause reason " + id));
    }

    private static String id(String text) {
        if (!ID.matcher(text).matches()) {
            throw JsonFields.invalid("id must be 1-40 of a-z, 0-9, '-' and '_'");
        }
        return text;
    }

    private static String name(String text) {
        String name = text.strip();
        if (name.isEmpty() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
            throw JsonFields.invalid("name must be 1-64 printable characters");
        }
        return name;
    }

    /** An agent group's name: 1-40 of letters, digits, '.', '-' and '_'. */
    static String groupName(String text) {
        if (!GROUP.matcher(text).matches()) {
            throw JsonFields.invalid("a group name must be 1-40 of letters, digits, '.', '-' and '_'");
        }
        return text;
    }

    private static Optional<Set<String>> groups(ObjectNode body) {
        return JsonFields.optionalTextList(body, "groups").map(list -> {
            Set<String> set = new HashSet<>();
            list.forEach(g -> set.add(groupName(g)));
            return Set.copyOf(set);
        });
    }

    /** {@code max_duration_s}: absent = no change; null = no maximum; 1..86400 seconds. */
    private static Optional<Optional<Duration>> maxDuration(ObjectNode body) {
        if (!body.has("max_duration_s")) {
            return Optional.empty();
        }
        JsonNode node = body.get("max_duration_s");
        if (node.isNull()) {
            return Optional.of(Optional.empty());
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > MAX_SECONDS) {
            throw JsonFields.invalid("max_duration_s must be a whole number of seconds, 1-" + MAX_SECONDS + ", or null");
        }
        return Optional.of(Optional.of(Duration.ofSeconds(node.asLong())));
    }
}
