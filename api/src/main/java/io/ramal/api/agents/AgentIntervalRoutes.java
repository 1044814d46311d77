package io.ramal.api.agents;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.api.http.StatsWindow;
import io.ramal.store.AgentIntervals;
import io.ramal.store.IntervalPage;
import io.ramal.store.IntervalQuery;
import io.ramal.store.User;
import io.ramal.store.Users;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The interval ledger under {@code /api/v1/agent-intervals}: every stretch of time agents spent
 * available, paused (with the reason) or logged out, oldest first, filtered by agent and by a time
 * window ({@code from}/{@code to}: the intervals that overlap it), paged with an opaque cursor.
 * Agents read their own rows; supervisors, admins, integrations and keys with {@code calls:read}
 * read everyone's.
 */
public final class AgentIntervalRoutes {

    public static final String INTERVALS = "/api/v1/agent-intervals";

    private final BearerAuthentication authentication;
    private final AgentIntervals ledger;
    private final Users users;

    public AgentIntervalRoutes(BearerAuthentication authentication, AgentIntervals ledger, Users users) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.users = Objects.requireNonNull(users, "users");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(INTERVALS, this::list);
    }

    private void list(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        Optional<String> agent = Optional.ofNullable(ctx.queryParam("agent")).filter(a -> !a.isBlank())
                .map(name -> AgentTarget.resolve(users, caller, name)).map(User::id);
        if (!AgentTarget.actsOnAnyone(caller)) {
            if (agent.isPresent() && !agent.get().equals(caller.userId())) {
                throw new ApiException(403, "forbidden", "an agent reads only its own intervals");
            }
            agent = Optional.of(caller.userId());
        }
        Optional<Instant> from = StatsWindow.instant(ctx, "from", JsonFields::invalid);
        Optional<Instant> to = StatsWindow.instant(ctx, "to", JsonFields::invalid);
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw JsonFields.invalid("from must be before to");
        }
        int limit = limit(ctx.queryParam("limit"));
        IntervalPage page;
        try {
            page = ledger.list(caller.tenantId(), new IntervalQuery(agent, from, to,
                    Optional.ofNullable(ctx.queryParam("cursor")).filter(c -> !c.isBlank()), limit));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_cursor", "the cursor is not one this server gave");
        }
        List<Object> rows = new ArrayList<>();
        page.intervals().forEach(i -> rows.add(i.toJson()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intervals", rows);
        body.put("next_cursor", page.nextCursor().orElse(null));
        Json.write(ctx, 200, body);
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= IntervalQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw JsonFields.invalid("limit must be 1-" + IntervalQuery.MAX_LIMIT);
    }
}
