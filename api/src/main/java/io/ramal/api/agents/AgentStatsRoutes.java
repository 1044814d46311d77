package io.ramal.api.agents;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.StatsWindow;
import io.ramal.cti.agent.AgentStatistics;
import io.ramal.cti.agent.HandledCall;
import io.ramal.cti.agent.Interval;
import io.ramal.store.AgentCalls;
import io.ramal.store.AgentIntervals;
import io.ramal.store.IntervalPage;
import io.ramal.store.IntervalQuery;
import io.ramal.store.User;
import io.ramal.store.Users;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Agents' statistics over a window, from durable data only (the interval ledger and the calls they
 * handled), so they survive restarts: {@code GET /api/v1/agents/{agent}/stats} for one agent and
 * {@code GET /api/v1/agent-stats} for every agent with ledger time or handled calls in the window (see
 * {@link AgentStatistics} for what is counted). The window is {@code from}/{@code to} (ISO-8601 UTC),
 * by default the current UTC day; at most {@value StatsWindow#MAX_DAYS} days. Agents read their own numbers;
 * supervisors, admins, integrations and keys with {@code calls:read} everyone's.
 */
public final class AgentStatsRoutes {

    public static final String ONE = "/api/v1/agents/{agent}/stats";
    public static final String ALL = "/api/v1/agent-stats";

    private final BearerAuthentication authentication;
    private final AgentIntervals ledger;
    private final AgentCalls calls;
    private final Users users;
    private final InstantSource clock;

    public AgentStatsRoutes(BearerAuthentication authentication, AgentIntervals ledger, AgentCalls calls, Users users,
            InstantSource clock) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.users = Objects.requireNonNull(users, "users");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(ONE, this::one);
        routes.get(ALL, this::all);
    }

    private void one(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        User agent = AgentTarget.resolve(users, caller, ctx.pathParam("agent"));
        if (!AgentTarget.actsOnAnyone(caller) && !caller.userId().equals(agent.id())) {
            throw new ApiException(403, "forbidden", "an agent reads only its own statistics");
        }
        StatsWindow window = StatsWindow.of(ctx, clock.instant());
        Instant now = clock.instant();
        List<Interval> rows = rows(caller.tenantId(), Optional.of(agent.id()), window);
        List<HandledCall> handled = calls.answered(caller.tenantId(), Optional.of(agent.id()), window.from(),
                window.to());
        Json.write(ctx, 200, AgentStatistics.of(agent.id(), agent.username(), rows, handled, window.from(),
                window.to(), now).toJson());
    }

    private void all(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        Optional<String> only = AgentTarget.actsOnAnyone(caller) ? Optional.empty() : Optional.of(caller.userId());
        StatsWindow window = StatsWindow.of(ctx, clock.instant());
        Instant now = clock.instant();
        List<Interval> rows = rows(caller.tenantId(), only, window);
        List<HandledCall> handled = calls.answered(caller.tenantId(), only, window.from(), window.to());
        Map<String, String> names = new TreeMap<>();
        rows.forEach(r -> names.put(r.agentId(), r.username()));
        handled.forEach(c -> names.putIfAbsent(c.agentId(), c.username()));
        List<AgentStatistics> stats = new ArrayList<>();
        names.forEach((id, username) -> stats.add(AgentStatistics.of(id, username, rows, handled, window.from(),
                window.to(), now)));
        stats.sort(Comparator.comparing(AgentStatistics::username).thenComparing(AgentStatistics::agentId));
        List<Object> agents = new ArrayList<>();
        stats.forEach(s -> agents.add(s.toJson()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", window.from().toString());
        body.put("to", window.to().toString());
        body.put("agents", agents);
        Json.write(ctx, 200, body);
    }

    private List<Interval> rows(String tenant, Optional<String> agent, StatsWindow window) {
        List<Interval> rows = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            IntervalPage page = ledger.list(tenant, new IntervalQuery(agent, Optional.of(window.from()),
                    Optional.of(window.to()), cursor, IntervalQuery.MAX_LIMIT));
            rows.addAll(page.intervals());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return rows;
    }
}
