package io.ramal.api.agents;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.cti.agent.AgentStatistics;
import io.ramal.cti.agent.HandledCall;
import io.ramal.cti.agent.Interval;
import io.ramal.store.AgentCalls;
import io.ramal.store.AgentIntervals;
import io.ramal.store.IntervalPage;
import io.ramal.store.IntervalQuery;
import io.ramal.store.User;
import io.ramal.store.Users;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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
 * by default the current UTC day; at most {@value #MAX_DAYS} days. Agents read their own numbers;
 * supervisors, admins, integrations and keys with {@code calls:read} everyone's.
 */
public final class AgentStatsRoutes {

    public static final String ONE = "/api/v1/agents/{agent}/stats";
    public static final String ALL = "/api/v1/agent-stats";
    static final int MAX_DAYS = 31;

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

    /** The window asked for, or today (UTC). */
    private record Window(Instant from, Instant to) {}

    private void one(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        User agent = AgentTarget.resolve(users, caller, ctx.pathParam("agent"));
        if (!AgentTarget.actsOnAnyone(caller) && !caller.userId().equals(agent.id())) {
            throw new ApiException(403, "forbidden", "an agent reads only its own statistics");
        }
        Window window = window(ctx);
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
        Window window = window(ctx);
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

    private List<Interval> rows(String tenant, Optional<String> agent, Window window) {
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

    private Window window(Context ctx) {
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        Optional<Instant> from = instant(ctx, "from");
        Optional<Instant> to = instant(ctx, "to");
        Instant start = from.orElse(to.map(t -> t.minus(Duration.ofDays(1))).orElse(today));
        Instant end = to.orElse(from.map(f -> f.plus(Duration.ofDays(1))).orElse(today.plus(Duration.ofDays(1))));
        if (!start.isBefore(end)) {
            throw new ApiException(400, "invalid_window", "from must be before to");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new ApiException(400, "invalid_window", "the window may span at most " + MAX_DAYS + " days");
        }
        return new Window(start, end);
    }

    private static Optional<Instant> instant(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "invalid_window", name + " must be an ISO-8601 UTC time such as "
                    + "2025-03-01T00:00:00Z");
        }
    }
}
