package io.ramal.api.agents;

import io.ramal.cti.agent.AgentView;
import io.ramal.cti.agent.HandledCall;
import io.ramal.cti.agent.HandledCalls;
import io.ramal.cti.event.CtiEvent;
import io.ramal.store.AgentCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the calls agents handle, for their statistics: it follows each tenant's CTI events on the tenant's
 * lane ({@link HandledCalls}), gives each call from a queue that queue's wrap-up, and stores the calls as
 * they end ({@link AgentCalls}), so the numbers survive restarts.
 */
public final class HandledCallLog {
    private static final Logger LOG = LoggerFactory.getLogger(HandledCallLog.class);
    private final AgentCalls store;
    private final AgentDesk agents;
    private final Map<String, HandledCalls> tenants = new ConcurrentHashMap<>();
    private volatile BiFunction<String, String, Duration> wrapUps = (tenant, queue) -> Duration.ZERO;

    public HandledCallLog(AgentCalls store, AgentDesk agents) {
        this.store = Objects.requireNonNull(store, "store");
        this.agents = Objects.requireNonNull(agents, "agents");
    }

    /** Where a queue's wrap-up is read ({@code (tenant, queue) → wrap-up}), on the tenant's lane. */
    public void wrapUps(BiFunction<String, String, Duration> next) {
        this.wrapUps = Objects.requireNonNull(next, "wrapUps");
    }

    /** After a batch of the tenant's CTI events was stored (on the tenant's lane). */
    public void afterEvents(String tenant, List<CtiEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        HandledCalls calls = tenants.computeIfAbsent(tenant, HandledCalls::new);
        List<HandledCall> ended = calls.on(events, device -> agents.onDevice(tenant, device));
        if (ended.isEmpty()) {
            return;
        }
        List<HandledCall> rows = new ArrayList<>(ended.size());
        for (HandledCall call : ended) {
            rows.add(call.queue().map(q -> call.withWrapUp(wrapUps.apply(tenant, q))).orElse(call));
        }
        try {
            store.add(rows);
        } catch (RuntimeException e) {
            LOG.atError().setCause(e).addKeyValue("tenant", tenant).addKeyValue("calls", rows.size())
                    .log("handled calls could not be stored; agent statistics will miss them");
        }
    }
}
