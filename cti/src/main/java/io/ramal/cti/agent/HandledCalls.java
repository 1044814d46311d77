package io.ramal.cti.agent;

import io.ramal.cti.ConnectionState;
import io.ramal.cti.PartySnapshot;
import io.ramal.cti.QueueOffer;
import io.ramal.cti.ReleaseCause;
import io.ramal.cti.event.CallConferenced;
import io.ramal.cti.event.CallDelivered;
import io.ramal.cti.event.CallEstablished;
import io.ramal.cti.event.CallEvent;
import io.ramal.cti.event.CallTransferred;
import io.ramal.cti.event.ConnectionCleared;
import io.ramal.cti.event.CtiEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Follows the calls that ring agents, from the CTI events of a tenant, and says which ones the agents
 * handled ({@link HandledCall}): a {@code call.delivered} at a device an agent is logged in at opens a
 * record for that agent (and the queue whose offer it was), its {@code call.established} there marks the
 * answer, and the device's {@code connection.cleared} closes it — handled if it was answered, forgotten if
 * not. When a transfer or conference moves the agent's party into another call, the record follows it
 * there instead of closing.
 *
 * <p>Pure; not thread-safe (the tenant's lane calls it). Records of calls in progress live in memory only:
 * a call cut by a restart is not counted.
 */
public final class HandledCalls {

    private record Key(String callId, String device) {}

    private static final class Open {
        final AgentView agent;
        final String device;
        final Optional<String> queue;
        final Instant deliveredAt;
        Instant answeredAt;

        Open(AgentView agent, String device, Optional<String> queue, Instant deliveredAt) {
            this.agent = agent;
            this.device = device;
            this.queue = queue;
            this.deliveredAt = deliveredAt;
        }
    }

    private final String tenant;
    private final Map<Key, Open> open = new HashMap<>();

    public HandledCalls(String tenant) {
        this.tenant = tenant;
    }

    /**
     * Takes in a batch of the tenant's events, in order; {@code agentAt} is the agent logged in at a device
     * now. Returns the calls handled to their end in this batch, without wrap-up (the caller adds it).
     */
    public List<HandledCall> on(List<? extends CtiEvent> events, Function<String, Optional<AgentView>> agentAt) {
        List<HandledCall> handled = new ArrayList<>();
        for (CtiEvent event : events) {
            if (!(event instanceof CallEvent e) || e.party().endpoint().external()) {
                continue;
            }
            String device = e.party().device();
            Key key = new Key(e.call().callId(), device);
            switch (e) {
                case CallDelivered d -> agentAt.apply(device).filter(a -> a.session().isPresent()).ifPresent(agent ->
                        open.put(key, new Open(agent, device, d.queue().map(QueueOffer::queue), d.at())));
                case CallEstablished a -> {
                    Open record = open.get(key);
                    if (record != null && record.answeredAt == null && !a.party().originator()) {
                        record.answeredAt = a.at();
                    }
                }
                case ConnectionCleared c -> {
                    Open record = open.remove(key);
                    if (record == null || record.answeredAt == null) {
                        break;
                    }
                    Optional<String> movedTo = movedTo(events, c, device);
                    if (movedTo.isPresent()) {
                        open.put(new Key(movedTo.get(), device), record);
                    } else {
                        AgentView agent = record.agent;
                        handled.add(new HandledCall(tenant, agent.agentId(), agent.username(),
                                agent.session().orElseThrow().id(), device, c.call().callId(), record.queue,
                                record.deliveredAt, record.answeredAt, c.at(), Duration.ZERO));
                    }
                }
                default -> { }
            }
        }
        return handled;
    }

    /** Records of calls still ringing or talking (for tests and diagnostics). */
    public int open() {
        return open.size();
    }

    /**
     * The call the device's party was moved into, when its clearing here is a transfer or conference
     * merge that took it along: the {@code call.transferred} or {@code call.conferenced} of another call in
     * the same batch lists the device in that call's conversation.
     */
    private static Optional<String> movedTo(List<? extends CtiEvent> events, ConnectionCleared cleared,
            String device) {
        if (cleared.cause() != ReleaseCause.TRANSFERRED && cleared.cause() != ReleaseCause.CONFERENCED) {
            return Optional.empty();
        }
        String from = cleared.call().callId();
        for (CtiEvent event : events) {
            if ((event instanceof CallTransferred || event instanceof CallConferenced)
                    && event instanceof CallEvent e && !e.call().callId().equals(from)) {
                for (PartySnapshot party : e.call().parties()) {
                    if (!party.endpoint().external() && party.device().equals(device)
                            && (party.state() == ConnectionState.CONNECTED || party.state() == ConnectionState.HELD)) {
                        return Optional.of(e.call().callId());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
