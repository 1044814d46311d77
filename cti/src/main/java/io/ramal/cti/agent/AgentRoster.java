package io.ramal.cti.agent;

import io.ramal.cti.Identifiers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The agents of one tenant: who is logged in on which device, in which state (available or a pause
 * reason), and the interval each is in. Every change closes the agent's open interval and opens the
 * next, so the ledger it emits has no gaps and no overlaps per agent.
 *
 * <p>Besides commands it watches three things the caller reports: the agent's client (its event
 * sockets), its device (registration and calls, read through {@link DeviceLines}) and time (every
 * call passes {@code now}). {@link #review} applies what these make due: a pause waiting for the
 * current call, the vanish policy after the grace period, the alert of a pause longer than its
 * reason allows.
 *
 * <p>Pure and deterministic; not thread-safe: one writer (the tenant's lane) calls every method.
 */
public final class AgentRoster {

    private static final String SYSTEM = "system";

    private final String tenant;
    private final Supplier<String> ids;
    private final Map<String, Entry> agents = new LinkedHashMap<>();
    private AgentPolicy policy = AgentPolicy.DEFAULT;

    /** What the roster keeps per agent: its open interval, and while logged in, its session. */
    private static final class Entry {
        final String agentId;
        String username;
        Interval interval;
        AgentView.Session session;
        AgentView.PendingPause pending;
        boolean clientConnected;
        Instant absentSince;
        boolean vanishHandled;
        boolean exceededAlerted;

        Entry(String agentId, String username, Interval interval) {
            this.agentId = agentId;
            this.username = username;
            this.interval = interval;
        }

        AgentView view() {
            return new AgentView(agentId, username, interval.state(), Optional.ofNullable(session),
                    interval.reason(), interval.id(), interval.startedAt(), Optional.ofNullable(pending),
                    session != null && clientConnected);
        }
    }

    /** @param ids makes interval and session ids (random in production, counted in tests) */
    public AgentRoster(String tenant, Supplier<String> ids) {
        this.tenant = Identifiers.nonBlank(tenant, "tenant");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    public String tenant() {
        return tenant;
    }

    public AgentPolicy policy() {
        return policy;
    }

    public void policy(AgentPolicy next) {
        this.policy = Objects.requireNonNull(next, "policy");
    }

    /**
     * Takes up the ledger's open intervals after a restart: agents in an available or paused interval
     * are logged in again on the same device, with their client not connected (so the vanish policy
     * applies if neither client nor device comes back).
     */
    public void restore(List<Interval> open) {
        for (Interval interval : open) {
            if (!interval.tenant().equals(tenant) || !interval.open()) {
                continue;
            }
            Entry entry = new Entry(interval.agentId(), interval.username(), interval);
            if (interval.state() != IntervalState.LOGGED_OUT && interval.device().isPresent()
                    && interval.sessionId().isPresent() && interval.logon().isPresent()) {
                entry.session = new AgentView.Session(interval.sessionId().get(), interval.device().get(),
                        interval.logon().get(), interval.startedAt());
            }
            agents.put(interval.agentId(), entry);
        }
    }

    /** Every agent known (logged in, or logged out since the ledger began), by username. */
    public List<AgentView> agents() {
        return agents.values().stream().map(Entry::view).sorted(Comparator.comparing(AgentView::username)).toList();
    }

    public Optional<AgentView> agent(String agentId) {
        return Optional.ofNullable(agents.get(agentId)).map(Entry::view);
    }

    /** The agent logged in on {@code device}, if any. */
    public Optional<AgentView> onDevice(String device) {
        return holder(device).map(Entry::view);
    }

    /** Whether some agent is logged in (so time and device changes matter). */
    public boolean anyLoggedIn() {
        return agents.values().stream().anyMatch(e -> e.session != null);
    }

    /**
     * Starts a session: refused if another agent holds the device, or if the agent has a session
     * and the policy refuses second logins; otherwise a session the agent had ends (taken over), its
     * logged-out interval (if any) closes, and the agent is available. Emits {@code agent.logged_in}
     * and {@code agent.reasons}.
     */
    public AgentOutcome logIn(LogIn command, Instant now, DeviceLines lines) {
        Objects.requireNonNull(command, "command");
        Optional<Entry> holder = holder(command.device());
        if (holder.isPresent() && !holder.get().agentId.equals(command.agentId())) {
            return AgentOutcome.refused(AgentRefusal.Code.DEVICE_IN_USE, "agent " + holder.get().username
                    + " is logged in on device " + command.device());
        }
        Entry entry = agents.get(command.agentId());
        List<AgentEvent> events = new ArrayList<>();
        List<LedgerChange> ledger = new ArrayList<>();
        IntervalEnd closing = IntervalEnd.LOGGED_IN;
        if (entry != null && entry.session != null) {
            if (policy.secondLogin() == SecondLogin.REFUSE) {
                return AgentOutcome.refused(AgentRefusal.Code.AGENT_ALREADY_LOGGED_IN, "agent " + entry.username
                        + " is already logged in on device " + entry.session.device());
            }
            closing = IntervalEnd.TAKEN_OVER;
        }
        String previousDevice = entry != null && entry.session != null ? entry.session.device() : null;
        AgentView.Session session = new AgentView.Session(ids.get(), command.device(), command.logon(), now);
        Interval available = new Interval(ids.get(), tenant, command.agentId(), command.username(),
                Optional.of(command.device()), Optional.of(session.id()), Optional.of(command.logon()),
                IntervalState.AVAILABLE, Optional.empty(), now, Optional.empty(), Optional.empty(), command.actor());
        if (entry == null) {
            entry = new Entry(command.agentId(), command.username(), available);
            agents.put(command.agentId(), entry);
        } else {
            ledger.add(new LedgerChange.Closed(entry.interval.id(), now, closing));
            if (previousDevice != null) {
                AgentView before = entry.view();
                events.add(new AgentEvent.LoggedOut(tenant, now, new AgentView(before.agentId(), before.username(),
                        IntervalState.LOGGED_OUT, Optional.empty(), Optional.empty(), before.intervalId(), now,
                        Optional.empty(), false), previousDevice, IntervalEnd.TAKEN_OVER));
            }
        }
        entry.username = command.username();
        entry.interval = available;
        entry.session = session;
        entry.pending = null;
        entry.clientConnected = command.clientConnected();
        entry.absentSince = null;
        entry.vanishHandled = false;
        entry.exceededAlerted = false;
        ledger.add(new LedgerChange.Opened(available));
        AgentView view = entry.view();
        events.add(new AgentEvent.LoggedIn(tenant, now, view));
        events.add(new AgentEvent.ReasonsOffered(tenant, now, view, command.reasons()));
        AgentOutcome outcome = new AgentOutcome(events, ledger, Optional.empty());
        return merge(outcome, review(now, lines));
    }

    /** Ends the agent's session: {@code agent.logged_out}; a logged-out interval opens. */
    public AgentOutcome logOut(String agentId, String actor, Instant now) {
        Entry entry = agents.get(agentId);
        if (entry == null || entry.session == null) {
            return notLoggedIn(agentId);
        }
        return end(entry, actor, now, IntervalEnd.LOGGED_OUT);
    }

    /**
     * Puts the agent in {@code reason} now, or — with {@code afterCall} while its device is in a call —
     * when that call ends ({@code agent.pause_pending} now, {@code agent.paused} then). Pausing in
     * the reason the agent is already in changes nothing.
     */
    public AgentOutcome pause(String agentId, PauseReason reason, boolean afterCall, String actor, Instant now,
            DeviceLines lines) {
        Objects.requireNonNull(reason, "reason");
        Entry entry = agents.get(agentId);
        if (entry == null || entry.session == null) {
            return notLoggedIn(agentId);
        }
        if (afterCall && lines.inCall(entry.session.device())) {
            entry.pending = new AgentView.PendingPause(reason, now);
            return new AgentOutcome(List.of(new AgentEvent.PausePending(tenant, now, entry.view())), List.of(),
                    Optional.empty());
        }
        entry.pending = null;
        if (entry.interval.reason().filter(r -> r.id().equals(reason.id())).isPresent()) {
            return AgentOutcome.NOTHING;
        }
        return enter(entry, Optional.of(reason), actor, now, IntervalEnd.CHANGED, "requested");
    }

    /** Makes the agent available (leaving its pause; a pending pause is dropped). */
    public AgentOutcome makeAvailable(String agentId, String actor, Instant now) {
        Entry entry = agents.get(agentId);
        if (entry == null || entry.session == null) {
            return notLoggedIn(agentId);
        }
        entry.pending = null;
        if (entry.interval.state() == IntervalState.AVAILABLE) {
            return AgentOutcome.NOTHING;
        }
        return enter(entry, Optional.empty(), actor, now, IntervalEnd.CHANGED, "requested");
    }

    /** The agent's client has (or no longer has) an event socket open. */
    public AgentOutcome clientPresence(String agentId, boolean connected, Instant now, DeviceLines lines) {
        Entry entry = agents.get(agentId);
        if (entry == null || entry.session == null || entry.clientConnected == connected) {
            return AgentOutcome.NOTHING;
        }
        entry.clientConnected = connected;
        return review(now, lines);
    }

    /**
     * Applies what is due now: pending pauses of agents whose device left its calls, the vanish
     * policy for agents whose client and device have been gone for the grace period, and the alert
     * for pauses past their reason's maximum. Call it after device changes and every second or so.
     */
    public AgentOutcome review(Instant now, DeviceLines lines) {
        AgentOutcome outcome = AgentOutcome.NOTHING;
        for (Entry entry : List.copyOf(agents.values())) {
            if (entry.session == null) {
                continue;
            }
            String device = entry.session.device();
            if (entry.pending != null && !lines.inCall(device)) {
                PauseReason reason = entry.pending.reason();
                entry.pending = null;
                if (entry.interval.reason().filter(r -> r.id().equals(reason.id())).isEmpty()) {
                    outcome = merge(outcome, enter(entry, Optional.of(reason), SYSTEM, now, IntervalEnd.AFTER_CALL,
                            "after_call"));
                }
            }
            boolean present = entry.clientConnected || lines.registered(device);
            if (present) {
                entry.absentSince = null;
                entry.vanishHandled = false;
            } else {
                if (entry.absentSince == null) {
                    entry.absentSince = now;
                }
                if (!entry.vanishHandled && !now.isBefore(entry.absentSince.plus(policy.vanishGrace()))) {
                    entry.vanishHandled = true;
                    outcome = merge(outcome, vanish(entry, now));
                    if (entry.session == null) {
                        continue;
                    }
                }
            }
            Optional<Duration> max = entry.interval.reason().flatMap(PauseReason::maxDuration);
            if (max.isPresent() && !entry.exceededAlerted
                    && !now.isBefore(entry.interval.startedAt().plus(max.get()))) {
                entry.exceededAlerted = true;
                outcome = merge(outcome, new AgentOutcome(List.of(new AgentEvent.PauseExceeded(tenant, now,
                        entry.view(), max.get())), List.of(), Optional.empty()));
            }
        }
        return outcome;
    }

    private AgentOutcome vanish(Entry entry, Instant now) {
        return switch (policy.onVanish()) {
            case VanishAction.LogOut ignored -> end(entry, SYSTEM, now, IntervalEnd.VANISHED);
            case VanishAction.Pause pause -> entry.interval.reason().filter(r -> r.id().equals(pause.reason().id()))
                    .isPresent() ? AgentOutcome.NOTHING
                    : enter(entry, Optional.of(pause.reason()), SYSTEM, now, IntervalEnd.VANISHED, "vanished");
            case VanishAction.Stay ignored -> AgentOutcome.NOTHING;
        };
    }

    /** Closes the open interval and opens one available ({@code reason} empty) or paused. */
    private AgentOutcome enter(Entry entry, Optional<PauseReason> reason, String actor, Instant now, IntervalEnd closing,
            String cause) {
        AgentView.Session session = entry.session;
        Interval next = new Interval(ids.get(), tenant, entry.agentId, entry.username, Optional.of(session.device()),
                Optional.of(session.id()), Optional.of(session.logon()),
                reason.isPresent() ? IntervalState.PAUSED : IntervalState.AVAILABLE, reason, now, Optional.empty(),
                Optional.empty(), actor);
        List<LedgerChange> ledger = List.of(new LedgerChange.Closed(entry.interval.id(), now, closing),
                new LedgerChange.Opened(next));
        entry.interval = next;
        entry.exceededAlerted = false;
        AgentView view = entry.view();
        AgentEvent event = reason.isPresent() ? new AgentEvent.Paused(tenant, now, view, cause)
                : new AgentEvent.Available(tenant, now, view);
        return new AgentOutcome(List.of(event), ledger, Optional.empty());
    }

    /** Ends the session: closes its interval ({@code how}) and opens a logged-out one. */
    private AgentOutcome end(Entry entry, String actor, Instant now, IntervalEnd how) {
        String device = entry.session.device();
        Interval loggedOut = new Interval(ids.get(), tenant, entry.agentId, entry.username, Optional.empty(),
                Optional.of(entry.session.id()), Optional.empty(), IntervalState.LOGGED_OUT, Optional.empty(), now,
                Optional.empty(), Optional.empty(), actor);
        List<LedgerChange> ledger = List.of(new LedgerChange.Closed(entry.interval.id(), now, how),
                new LedgerChange.Opened(loggedOut));
        entry.interval = loggedOut;
        entry.session = null;
        entry.pending = null;
        entry.clientConnected = false;
        entry.absentSince = null;
        entry.vanishHandled = false;
        entry.exceededAlerted = false;
        return new AgentOutcome(List.of(new AgentEvent.LoggedOut(tenant, now, entry.view(), device, how)), ledger,
                Optional.empty());
    }

    private Optional<Entry> holder(String device) {
        return agents.values().stream().filter(e -> e.session != null && e.session.device().equals(device))
                .findFirst();
    }

    private AgentOutcome notLoggedIn(String agentId) {
        String name = Optional.ofNullable(agents.get(agentId)).map(e -> e.username).orElse(agentId);
        return AgentOutcome.refused(AgentRefusal.Code.NOT_LOGGED_IN, "agent " + name + " is not logged in");
    }

    private static AgentOutcome merge(AgentOutcome a, AgentOutcome b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        List<AgentEvent> events = new ArrayList<>(a.events());
        events.addAll(b.events());
        List<LedgerChange> ledger = new ArrayList<>(a.ledger());
        ledger.addAll(b.ledger());
        return new AgentOutcome(events, ledger, a.refusal().or(b::refusal));
    }
}
