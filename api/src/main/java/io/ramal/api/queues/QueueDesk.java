package io.ramal.api.queues;

import io.ramal.api.calls.TenantBoards;
import io.ramal.api.events.EventJournal;
import io.ramal.api.events.NewEvent;
import io.ramal.cti.CallSnapshot;
import io.ramal.cti.CampaignFields;
import io.ramal.cti.core.Switchboard;
import io.ramal.cti.event.CallCampaignChanged;
import io.ramal.cti.event.ConnectionCleared;
import io.ramal.cti.event.CtiEvent;
import io.ramal.cti.queue.AgentStates;
import io.ramal.cti.queue.CallDistributor;
import io.ramal.cti.queue.QueueControl;
import io.ramal.cti.queue.QueueDay;
import io.ramal.cti.queue.QueueEffect;
import io.ramal.cti.queue.QueueEvent;
import io.ramal.cti.queue.QueueFact;
import io.ramal.cti.queue.QueueMember;
import io.ramal.cti.queue.QueueOutcome;
import io.ramal.cti.queue.QueueSettings;
import io.ramal.store.QueueCallHistory;
import io.ramal.store.Queues;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each tenant's {@link CallDistributor} on the tenant's CTI lane, beside its switchboard and its
 * agents, so queue decisions see the call and agent state of the same moment. Each step stores the
 * membership changes, appends the events to the journal (same envelope and log as agent and call
 * events) and then hands the effects to the PBX's {@link QueueControl}, in order.
 *
 * <p>The PBX reports with {@link #report}: asynchronously, and per tenant in the order reported. Time:
 * after each step the desk schedules a review at the distributor's next due instant (ring timeouts,
 * maximum waits, announcements, wrap-up ends). Agents changing and calls changing call
 * {@link #afterChange}, so an agent who becomes free is offered the next waiting call at once.
 *
 * <p>A distributor is built on the tenant's first use from the stored queues and memberships. What
 * became of each caller is stored as it becomes known ({@link QueueCallHistory}), for statistics that
 * survive restarts; callers waiting now are in memory only.
 */
public final class QueueDesk implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueDesk.class);
    private static final Set<String> ENVELOPE = Set.of("type", "tenant", "ts");
    /** The event of a queue's day's numbers after each change. */
    static final String STATS = "queue.stats";

    private final TenantBoards boards;
    private final EventJournal journal;
    private final Queues store;
    private final QueueCallLog calls;
    private final BiFunction<String, Switchboard, AgentStates> agents;
    private final InstantSource clock;
    private final Instant started;
    private final Map<String, CallDistributor> distributors = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<QueueFact>> pending = new ConcurrentHashMap<>();
    private final Map<String, Wake> wakes = new ConcurrentHashMap<>();
    private volatile QueueControl control = QueueControl.NONE;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("queues-", 0).factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ramal-queue-timer").factory());

    /** A scheduled review: when, and its timer task (set right after the wake-up is recorded). */
    private record Wake(Instant at, AtomicReference<ScheduledFuture<?>> task) {}

    /**
     * @param calls  where what became of each caller is stored
     * @param agents the tenant's agent states as read on its lane ({@code AgentDesk::states})
     */
    public QueueDesk(TenantBoards boards, EventJournal journal, Queues store, QueueCallHistory calls,
            BiFunction<String, Switchboard, AgentStates> agents, InstantSource clock) {
        this.boards = Objects.requireNonNull(boards, "boards");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.store = Objects.requireNonNull(store, "store");
        this.calls = new QueueCallLog(calls);
        this.agents = Objects.requireNonNull(agents, "agents");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.started = clock.instant();
    }

    /** Connects the PBX: where offers, withdrawals, overflows, releases and announcements go. */
    public void control(QueueControl next) {
        this.control = Objects.requireNonNull(next, "control");
    }

    /**
     * What the PBX reports about a queue call. Returns at once; the fact is applied on the tenant's lane
     * after every fact reported before it.
     */
    public void report(QueueFact fact) {
        Objects.requireNonNull(fact, "fact");
        String tenant = fact.tenant();
        pending.computeIfAbsent(tenant, t -> new ConcurrentLinkedQueue<>()).add(fact);
        workers.execute(() -> {
            try {
                boards.onTenant(tenant, board -> {
                    ConcurrentLinkedQueue<QueueFact> queue = pending.get(tenant);
                    QueueFact next;
                    while ((next = queue.poll()) != null) {
                        QueueFact f = withCallsCampaign(next, board);
                        apply(tenant, board, Optional.of(f), (acd, states) -> acd.on(f, states));
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).addKeyValue("tenant", tenant).log("queue fact not applied");
            }
        });
    }

    /**
     * Runs {@code command} on the tenant's distributor, on its lane; what it changed is stored, its events
     * appended and its effects handed to the PBX before this returns. A refused command changes nothing.
     */
    public QueueOutcome act(String tenant, BiFunction<CallDistributor, AgentStates, QueueOutcome> command) {
        return boards.onTenant(tenant, board -> apply(tenant, board, Optional.empty(), command));
    }

    /** Reads the tenant's distributor on its lane, with the agents as they are now. */
    public <T> T read(String tenant, BiFunction<CallDistributor, AgentStates, T> query) {
        return boards.onTenant(tenant, board -> query.apply(distributor(tenant), agents.apply(tenant, board)));
    }

    /**
     * Reads the tenant's distributor from work already running on the tenant's lane (inside
     * {@code onTenant}), where {@link #read} would wait for itself.
     */
    public <T> T peek(String tenant, Switchboard board, BiFunction<CallDistributor, AgentStates, T> query) {
        return query.apply(distributor(tenant), agents.apply(tenant, board));
    }

    /**
     * After agents or calls of the tenant changed (called on its lane): the distributor reviews, so
     * agents who became free are offered waiting calls and offers to agents who no longer may take them
     * stop. Tenants whose queues were never used are left alone.
     */
    public void afterChange(String tenant, Switchboard board) {
        if (distributors.containsKey(tenant)) {
            apply(tenant, board, Optional.empty(), (acd, states) -> acd.review(clock.instant(), states));
        }
    }

    /**
     * After CTI events of the tenant were stored (on its lane): campaign fields attached to a waiting
     * caller's call reach the queue's view of it and its later offers; a device leaving a call a queue
     * offered ({@code connection.cleared}) is reported as {@link QueueFact.AgentLeft}, after the PBX's
     * facts reported before it, so an agent who transfers the caller away is free (and wraps up) from then
     * on, not from the end of the call.
     */
    public void afterEvents(String tenant, List<CtiEvent> events) {
        CallDistributor acd = distributors.get(tenant);
        if (acd == null) {
            return;
        }
        for (CtiEvent event : events) {
            if (event instanceof CallCampaignChanged changed) {
                acd.campaign(changed.call().callId(), changed.call().campaign());
            } else if (event instanceof ConnectionCleared cleared && cleared.call().queue().isPresent()
                    && !cleared.party().endpoint().external()) {
                report(new QueueFact.AgentLeft(tenant, cleared.call().callId(), cleared.party().endpoint().number(),
                        cleared.party().since()));
            }
        }
    }

    /** A caller arriving without campaign fields takes those attached to its call, if any (a requeued call). */
    private static QueueFact withCallsCampaign(QueueFact fact, Switchboard board) {
        if (fact instanceof QueueFact.CallerArrived a && a.campaign().isEmpty()) {
            CampaignFields attached = board.call(a.callId()).map(CallSnapshot::campaign).orElse(CampaignFields.NONE);
            if (!attached.isEmpty()) {
                return new QueueFact.CallerArrived(a.tenant(), a.callId(), a.queue(), a.callerNumber(), a.callerName(),
                        attached, a.at());
            }
        }
        return fact;
    }

    /**
     * The queues section of the tenant's snapshot (called under the tenant's journal lock): each queue's
     * name, its waiting callers and its members (the objects of the {@code queue.*} events).
     */
    public List<Object> snapshot(String tenant) {
        CallDistributor acd = distributors.get(tenant);
        if (acd == null) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Object> queues = new ArrayList<>();
        for (QueueSettings queue : acd.queues()) {
            List<Object> callers = new ArrayList<>();
            acd.callers(queue.name(), now).forEach(c -> callers.add(c.toJson()));
            List<Object> members = new ArrayList<>();
            acd.members(queue.name()).forEach(m -> members.add(m.toJson()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", queue.name());
            entry.put("callers", List.copyOf(callers));
            entry.put("members", List.copyOf(members));
            queues.add(entry);
        }
        return List.copyOf(queues);
    }

    /**
     * The wrap-up of the tenant's queue now (zero for an unknown queue); call it on the tenant's lane, where
     * the distributor does not change under the reader.
     */
    public Duration wrapUp(String tenant, String queue) {
        CallDistributor acd = distributors.get(tenant);
        return acd == null ? Duration.ZERO
                : acd.queue(queue).map(QueueSettings::wrapUp).orElse(Duration.ZERO);
    }

    /** Now, as the desk sees it. */
    public Instant now() {
        return clock.instant();
    }

    /** One step of the tenant's distributor: {@code fact} is what it was told, if the step is a fact's. */
    private QueueOutcome apply(String tenant, Switchboard board, Optional<QueueFact> fact,
            BiFunction<CallDistributor, AgentStates, QueueOutcome> step) {
        CallDistributor acd = distributor(tenant);
        QueueOutcome outcome = step.apply(acd, agents.apply(tenant, board));
        if (outcome.refusal().isEmpty()) {
            store.apply(tenant, outcome.memberships());
            if (!outcome.events().isEmpty()) {
                journal.appendAll(tenant, entries(outcome.events()));
            }
            Set<String> changed = calls.after(tenant, fact, outcome, queue -> acd.queue(queue)
                    .map(QueueSettings::serviceLevel).orElseGet(() -> QueueSettings.defaults(queue).serviceLevel()),
                    clock.instant());
            tellStats(tenant, board, acd, changed);
            QueueControl pbx = control;
            for (QueueEffect effect : outcome.effects()) {
                try {
                    pbx.perform(effect);
                } catch (RuntimeException e) {
                    LOG.atWarn().setCause(e).addKeyValue("tenant", tenant).addKeyValue("call_id", effect.callId())
                            .log("queue effect not carried out");
                }
            }
        }
        wake(tenant, acd.nextDue());
        return outcome;
    }

    /**
     * A {@code queue.stats} event for each queue whose callers' outcomes changed: the day's numbers, as
     * {@code GET /queues/{name}/stats} gives them for today, so a wallboard follows them live.
     */
    private void tellStats(String tenant, Switchboard board, CallDistributor acd, Set<String> queues) {
        if (queues.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        AgentStates states = agents.apply(tenant, board);
        QueueDay day = calls.day(tenant, now);
        List<NewEvent> stats = new ArrayList<>();
        for (String queue : queues) {
            acd.live(queue, now, states).ifPresent(live -> stats.add(new NewEvent(STATS, Optional.empty(),
                    Optional.empty(), day.stats(live).toJson())));
        }
        if (!stats.isEmpty()) {
            journal.appendAll(tenant, stats);
        }
    }

    /**
     * Schedules the tenant's next review at {@code due}, unless one is scheduled for that instant already. A
     * wake-up forgets itself before it reviews, so the review it runs schedules the next one (also when it
     * fired a little early and found nothing due yet).
     */
    private void wake(String tenant, Optional<Instant> due) {
        Wake current = wakes.get(tenant);
        if (due.isEmpty() || (current != null && current.at().equals(due.get()))) {
            return;
        }
        if (current != null && current.task().get() != null) {
            current.task().get().cancel(false);
        }
        Instant at = due.get();
        Wake next = new Wake(at, new AtomicReference<>());
        wakes.put(tenant, next);
        long nanos = Math.max(0, Duration.between(clock.instant(), at).toNanos());
        long millis = (nanos + 999_999) / 1_000_000;
        next.task().set(timer.schedule(() -> workers.execute(() -> {
            wakes.remove(tenant, next);
            try {
                boards.onTenant(tenant, board -> apply(tenant, board, Optional.empty(),
                        (acd, states) -> acd.review(clock.instant(), states)));
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).addKeyValue("tenant", tenant).log("queue review failed");
            }
        }), millis, TimeUnit.MILLISECONDS));
    }

    private CallDistributor distributor(String tenant) {
        return distributors.computeIfAbsent(tenant, t -> {
            CallDistributor acd = new CallDistributor(t, started);
            List<QueueMember> members = store.members(t);
            for (QueueSettings queue : store.list(t)) {
                acd.restore(queue, members.stream().filter(m -> m.queue().equals(queue.name())).toList());
            }
            return acd;
        });
    }

    static List<NewEvent> entries(List<QueueEvent> events) {
        List<NewEvent> entries = new ArrayList<>(events.size());
        for (QueueEvent event : events) {
            Map<String, Object> fields = new LinkedHashMap<>(event.toJson());
            fields.keySet().removeAll(ENVELOPE);
            entries.add(new NewEvent(event.type(), event.callId(), event.device(), fields));
        }
        return entries;
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
