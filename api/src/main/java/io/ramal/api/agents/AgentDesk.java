package io.ramal.api.agents;

import io.ramal.api.calls.TenantBoards;
import io.ramal.api.events.EventJournal;
import io.ramal.api.events.NewEvent;
import io.ramal.api.events.SocketPresence;
import io.ramal.cti.agent.AgentEvent;
import io.ramal.cti.agent.AgentOutcome;
import io.ramal.cti.agent.AgentPolicy;
import io.ramal.cti.agent.AgentRoster;
import io.ramal.cti.agent.AgentView;
import io.ramal.cti.agent.DeviceLines;
import io.ramal.cti.agent.VanishAction;
import io.ramal.cti.core.Switchboard;
import io.ramal.cti.queue.AgentStates;
import io.ramal.store.AgentIntervals;
import io.ramal.store.AgentPolicies;
import io.ramal.store.AgentPolicySetting;
import io.ramal.store.PauseReasons;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each tenant's {@link AgentRoster} on the tenant's CTI lane (so agent state, call state and
 * the event log change in one order), stores the roster's ledger changes and then appends its
 * events, both under the tenant's journal lock. It feeds the roster what it watches: event sockets
 * ({@link SocketPresence}), the devices after every batch of telephony facts ({@link #afterFacts})
 * and time (a review every {@code tick}). A roster is built on first use from the ledger's open
 * intervals, so agents keep their state across restarts.
 */
public final class AgentDesk implements SocketPresence, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentDesk.class);
    private static final java.util.Set<String> ENVELOPE = java.util.Set.of("type", "tenant", "ts");

    private final TenantBoards boards;
    private final EventJournal journal;
    private final AgentIntervals ledger;
    private final PauseReasons reasons;
    private final AgentPolicies policies;
    private final AgentPolicySetting defaults;
    private final InstantSource clock;
    private final Map<String, AgentRoster> rosters = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, Switchboard> changed = (tenant, board) -> { };
    private final Map<String, Integer> sockets = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("agents-", 0).factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ramal-agent-review").factory());

    /** @param defaults the policy of tenants that did not set their own */
    public AgentDesk(TenantBoards boards, EventJournal journal, AgentIntervals ledger, PauseReasons reasons,
            AgentPolicies policies, AgentPolicySetting defaults, InstantSource clock) {
        this.boards = Objects.requireNonNull(boards, "boards");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.reasons = Objects.requireNonNull(reasons, "reasons");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reviews every tenant with agents logged in each {@code tick} (grace periods, pause alerts). */
    public AgentDesk start(Duration tick) {
        long millis = tick.toMillis();
        timer.scheduleWithFixedDelay(() -> rosters.keySet().forEach(tenant -> workers.execute(() -> {
            try {
                boards.onTenant(tenant, board -> rosters.get(tenant).anyLoggedIn()
                        ? apply(tenant, board, (r, lines) -> r.review(clock.instant(), lines)) : null);
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).addKeyValue("tenant", tenant).log("agent review failed");
            }
        })), millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Takes up the agents the ledger says are logged in (after a restart), so the vanish policy
     * runs for them even if nobody touches their tenant.
     */
    public void restore(List<String> tenants) {
        for (String tenant : tenants) {
            boards.onTenant(tenant, board -> roster(tenant));
        }
    }

    /**
     * Runs {@code command} on the tenant's roster, on the tenant's lane; what it changed is stored and
     * its events appended before this returns.
     */
    public AgentOutcome act(String tenant, BiFunction<AgentRoster, DeviceLines, AgentOutcome> command) {
        return boards.onTenant(tenant, board -> apply(tenant, board, command));
    }

    /**
     * Told, on the tenant's lane, after agents changed (their events appended): the queues offer calls to
     * agents who became available and withdraw them from agents who no longer may take them.
     */
    public void onChange(BiConsumer<String, Switchboard> listener) {
        this.changed = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The tenant's agents and device lines as the queues read them; call it on the tenant's lane (inside
     * {@code onTenant} work), where the roster and the switchboard do not change under the reader.
     */
    public AgentStates states(String tenant, Switchboard board) {
        AgentRoster roster = roster(tenant);
        return AgentStates.of(roster::agent, new BoardLines(board));
    }

    /** Reads the tenant's roster on its lane. */
    public <T> T read(String tenant, java.util.function.Function<AgentRoster, T> query) {
        return boards.onTenant(tenant, board -> query.apply(roster(tenant)));
    }

    /**
     * After telephony facts were applied (on the tenant's lane, under its journal lock): pending
     * pauses whose call ended and agents whose device went away are reviewed now.
     */
    public void afterFacts(String tenant, Switchboard board) {
        AgentRoster roster = rosters.get(tenant);
        if (roster != null && roster.anyLoggedIn()) {
            apply(tenant, board, (r, lines) -> r.review(clock.instant(), lines));
        }
    }

    /** The agent logged in on {@code device}; call it on the tenant's lane. */
    public java.util.Optional<AgentView> onDevice(String tenant, String device) {
        AgentRoster roster = rosters.get(tenant);
        return roster == null ? java.util.Optional.empty() : roster.onDevice(device);
    }

    /** Every agent the tenant's roster knows; call it on the tenant's lane. */
    public List<AgentView> agents(String tenant) {
        return roster(tenant).agents();
    }

    /** The agents section of the tenant's snapshot (called under the tenant's journal lock). */
    public List<Object> snapshot(String tenant) {
        AgentRoster roster = rosters.get(tenant);
        if (roster == null) {
            return List.of();
        }
        List<Object> agents = new ArrayList<>();
        roster.agents().forEach(a -> agents.add(a.toJson()));
        return List.copyOf(agents);
    }

    /** Whether the user has an event socket open now. */
    public boolean clientConnected(String tenant, String userId) {
        return sockets.getOrDefault(key(tenant, userId), 0) > 0;
    }

    @Override
    public void changed(String tenantId, String userId, int openSockets) {
        if (openSockets > 0) {
            sockets.put(key(tenantId, userId), openSockets);
        } else {
            sockets.remove(key(tenantId, userId));
        }
        AgentRoster roster = rosters.get(tenantId);
        if (roster != null) {
            workers.execute(() -> {
                try {
                    act(tenantId, (r, lines) -> r.clientPresence(userId, openSockets > 0, clock.instant(), lines));
                } catch (RuntimeException e) {
                    LOG.atWarn().setCause(e).addKeyValue("tenant", tenantId).log("agent presence not applied");
                }
            });
        }
    }

    /** Reads the tenant's policy again (after the policy or the catalogue changed). */
    public void policyChanged(String tenant) {
        boards.onTenant(tenant, board -> {
            roster(tenant).policy(policy(tenant));
            return null;
        });
    }

    /** The policy in force for the tenant: its own, or the defaults. */
    public AgentPolicySetting setting(String tenant) {
        return policies.find(tenant).orElse(defaults);
    }

    private AgentPolicy policy(String tenant) {
        AgentPolicySetting s = setting(tenant);
        VanishAction action = switch (s.vanish()) {
            case LOGOUT -> new VanishAction.LogOut();
            case STAY -> new VanishAction.Stay();
            case PAUSE -> s.vanishReasonId().flatMap(id -> reasons.find(tenant, id))
                    .<VanishAction>map(VanishAction.Pause::new).orElse(new VanishAction.Stay());
        };
        return new AgentPolicy(s.secondLogin(), s.vanishGrace(), action);
    }

    private AgentOutcome apply(String tenant, Switchboard board,
            BiFunction<AgentRoster, DeviceLines, AgentOutcome> command) {
        AgentRoster roster = roster(tenant);
        AgentOutcome outcome = command.apply(roster, new BoardLines(board));
        if (outcome.refusal().isPresent()) {
            return outcome;
        }
        ledger.apply(tenant, outcome.ledger());
        if (!outcome.events().isEmpty()) {
            journal.appendAll(tenant, entries(outcome.events()));
            changed.accept(tenant, board);
        }
        return outcome;
    }

    private AgentRoster roster(String tenant) {
        return rosters.computeIfAbsent(tenant, t -> {
            AgentRoster roster = new AgentRoster(t, () -> UUID.randomUUID().toString());
            roster.policy(policy(t));
            roster.restore(ledger.open(t));
            return roster;
        });
    }

    static List<NewEvent> entries(List<AgentEvent> events) {
        List<NewEvent> entries = new ArrayList<>(events.size());
        for (AgentEvent event : events) {
            Map<String, Object> fields = new LinkedHashMap<>(event.toJson());
            fields.keySet().removeAll(ENVELOPE);
            entries.add(new NewEvent(event.type(), java.util.Optional.empty(), event.device(), fields));
        }
        return entries;
    }

    /** The view of one agent, if the roster knows it. */
    public java.util.Optional<AgentView> agent(String tenant, String agentId) {
        return read(tenant, roster -> roster.agent(agentId));
    }

    private static String key(String tenant, String userId) {
        return tenant + "\u0000" + userId;
    }

    /** Now, as the desk sees it. */
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
