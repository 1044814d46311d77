package io.ramal.cti.queue;

import io.ramal.cti.CampaignFields;
import io.ramal.cti.Identifiers;
import io.ramal.cti.agent.AgentView;
import io.ramal.cti.agent.IntervalState;
import io.ramal.cti.agent.PauseReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The automatic call distributor of one tenant: its queues, their members and the callers waiting in
 * them. It decides which agents a waiting call is offered to and when, from the queue's strategy and
 * what it reads of the agents ({@link AgentStates}); what it decides comes out as a
 * {@link QueueOutcome}: memberships to store, {@link QueueEvent events}, and {@link QueueEffect effects}
 * for the PBX.
 *
 * <p>Callers are served in the order they arrived, across the tenant's queues (an agent in two queues
 * takes the caller who has waited longest). An agent is offered one call at a time; it may take one
 * when it is logged in, available or in a pause reason that may receive calls, not paused in the
 * queue, not on a call (its device's or a queue call it answered), and not in wrap-up. Wrap-up, after a
 * queue call ends or its agent leaves it (transferring the caller away), lasts the wrap-up of that call's
 * queue and keeps every queue's calls from the agent.
 * A caller's offers ring the queue's ring timeout; the members offered and not answering are tried
 * again only after every other member that may take the call was tried (a new round), and not before the
 * last offer's ring timeout: a round whose offers failed at once (busy, declined, unreachable) waits it out
 * before the next, so phones that refuse or cannot be reached are not called over and over. Priority tiers:
 * a lower tier is offered calls while it has a member not yet tried; the next tier's members come when
 * it has none.
 *
 * <p>Time: every method takes {@code now}; {@link #nextDue()} says when {@link #review} has something
 * to do (a ring timeout, a maximum wait, an announcement, a wrap-up's end). Pure and deterministic; not
 * thread-safe: one writer (the tenant's lane) calls every method.
 */
public final class CallDistributor {

    private final String tenant;
    private final Instant since;
    private final Memberships memberships;
    private final Map<String, WaitingCaller> callers = new LinkedHashMap<>();
    private final Occupancy occupancy = new Occupancy();

    /** The events and effects of one step, in order. */
    private final class Changes {
        final List<QueueEvent> events = new ArrayList<>();
        final List<QueueEffect> effects = new ArrayList<>();

        QueueOutcome outcome() {
            return new QueueOutcome(List.of(), events, effects, Optional.empty());
        }

        void withdraw(WaitingCaller waiting, QueueCaller.Ringing ringing, QueueEffect.Withdraw.Cause cause) {
            effects.add(new QueueEffect.Withdraw(tenant, waiting.callId(), ringing.device(), cause));
        }
    }

    /** @param since when the counts start (the statistics' {@code since}) */
    public CallDistributor(String tenant, Instant since) {
        this.tenant = Identifiers.nonBlank(tenant, "tenant");
        this.since = Objects.requireNonNull(since, "since");
        this.memberships = new Memberships(this.tenant);
    }

    public String tenant() {
        return tenant;
    }

    // ---- queues ----

    /** Takes up a stored queue and its memberships (at start; no events). */
    public void restore(QueueSettings settings, List<QueueMember> members) {
        memberships.restore(settings, members);
    }

    /** Adds a queue or changes its settings; callers waiting are served by the new settings from now on. */
    public QueueOutcome define(QueueSettings settings, Instant now, AgentStates states) {
        memberships.define(settings);
        callers.values().stream().filter(w -> w.queue().equals(settings.name())).forEach(w -> w.nextAnnouncement =
                settings.announceEvery().map(every -> w.nextAnnouncement.orElse(now.plus(every))));
        return review(now, states);
    }

    /**
     * Deletes a queue; refused while callers wait in it. Its members leave it ({@code queue.member_left},
     * cause {@code queue_deleted}).
     */
    public QueueOutcome remove(String name, String by, Instant now, AgentStates states) {
        long waiting = callers.values().stream().filter(w -> w.queue().equals(name)).count();
        if (memberships.book(name).isPresent() && waiting > 0) {
            return QueueOutcome.refused(QueueRefusal.Code.QUEUE_NOT_EMPTY, waiting + " callers wait in queue " + name);
        }
        return settle(memberships.remove(name, by, now, states), now, states);
    }

    public List<QueueSettings> queues() {
        return memberships.books().stream().map(b -> b.settings).toList();
    }

    public Optional<QueueSettings> queue(String name) {
        return memberships.book(name).map(b -> b.settings);
    }

    // ---- members ----

    /**
     * The agent joins the queue ({@code queue.member_joined}); a member already in it only gets the new
     * priority (no event).
     */
    public QueueOutcome join(String queue, String agentId, String username, int priority, String by, Instant now,
            AgentStates states) {
        return settle(memberships.join(queue, agentId, username, priority, by, now, states), now, states);
    }

    /** The agent leaves the queue ({@code queue.member_left}); a call ringing it from the queue is withdrawn. */
    public QueueOutcome leave(String queue, String agentId, String by, Instant now, AgentStates states) {
        return settle(withdrawing(memberships.leave(queue, agentId, by, now, states), queue, agentId), now, states);
    }

    /**
     * Pauses the member in the queue ({@code queue.member_paused}), with an optional reason; pausing again
     * with another reason changes it (a new event), with the same changes nothing. A call ringing it from
     * the queue is withdrawn.
     */
    public QueueOutcome pause(String queue, String agentId, Optional<String> reason, String by, Instant now,
            AgentStates states) {
        return settle(withdrawing(memberships.pause(queue, agentId, reason, by, now, states), queue, agentId), now,
                states);
    }

    /** The member takes the queue's calls again ({@code queue.member_unpaused}); not paused: nothing. */
    public QueueOutcome unpause(String queue, String agentId, String by, Instant now, AgentStates states) {
        return settle(memberships.unpause(queue, agentId, by, now, states), now, states);
    }

    /** The queue's members in join order (empty for an unknown queue). */
    public List<QueueMember> members(String queue) {
        return memberships.book(queue).map(QueueBook::members).orElse(List.of());
    }

    public Optional<QueueMember> member(String queue, String agentId) {
        return memberships.book(queue).flatMap(b -> b.member(agentId));
    }

    /** The agent's memberships, by queue name. */
    public List<QueueMember> memberships(String agentId) {
        return memberships.of(agentId);
    }

    /** Where the member stands for its queue now. */
    public MemberStatus status(QueueMember member, Instant now, AgentStates states) {
        Optional<AgentView> agent = states.agent(member.agentId()).filter(a -> a.session().isPresent());
        if (agent.isEmpty()) {
            return MemberStatus.LOGGED_OUT;
        }
        if (member.paused()) {
            return MemberStatus.PAUSED;
        }
        if (offered().contains(member.agentId())) {
            return MemberStatus.RINGING;
        }
        if (occupancy.onCall(member.agentId()) || states.inCall(agent.get().device().orElseThrow())) {
            return MemberStatus.IN_CALL;
        }
        if (occupancy.wrapping(member.agentId(), now)) {
            return MemberStatus.WRAP_UP;
        }
        return receives(agent.get()) ? MemberStatus.READY : MemberStatus.AGENT_PAUSED;
    }

    // ---- callers ----

    /** Applies what the PBX reports, then whatever became due. */
    public QueueOutcome on(QueueFact fact, AgentStates states) {
        Instant now = fact.at();
        Changes out = new Changes();
        switch (fact) {
            case QueueFact.CallerArrived arrived -> arrive(arrived, out);
            case QueueFact.OfferAnswered answered -> answer(answered, states, out);
            case QueueFact.OfferFailed failed -> fail(failed, out);
            case QueueFact.AgentLeft left -> {
                if (!callers.containsKey(left.callId())) {
                    handled(occupancy.left(left.callId(), left.device(), now, this::wrapUpOf), now);
                }
            }
            case QueueFact.CallEnded ended -> end(ended, out);
        }
        return out.outcome().then(review(now, states));
    }

    /**
     * Campaign fields were attached to a waiting caller's call (through the API): its view, events and
     * later offers carry them. No event of its own (the call's {@code call.campaign_changed} tells it); a
     * call not waiting changes nothing.
     */
    public void campaign(String callId, CampaignFields campaign) {
        WaitingCaller waiting = callers.get(callId);
        if (waiting != null) {
            waiting.campaign = Objects.requireNonNull(campaign, "campaign");
        }
    }

    /** The queue's callers now, next first. */
    public List<QueueCaller> callers(String queue, Instant now) {
        return callers.values().stream().filter(w -> w.queue().equals(queue)).map(w -> view(w, now)).toList();
    }

    /**
     * Applies what is due now — callers past their maximum wait leave, offers past the ring timeout (or to
     * agents who may no longer take calls) are withdrawn, wrap-ups end, positions are announced — then
     * offers the waiting calls to the agents that may take them.
     */
    public QueueOutcome review(Instant now, AgentStates states) {
        Changes out = new Changes();
        for (WaitingCaller waiting : List.copyOf(callers.values())) {
            QueueBook book = book(waiting.queue());
            Optional<Duration> max = book.settings.maxWait();
            if (max.isPresent() && !now.isBefore(waiting.enteredAt().plus(max.get()))) {
                exit(waiting, book, QueueEffect.Exit.MAX_WAIT, now, out);
            }
        }
        for (WaitingCaller waiting : callers.values()) {
            if (waiting.offers.isEmpty()) {
                continue;
            }
            boolean rangOut = !now.isBefore(waiting.offersUntil);
            for (QueueCaller.Ringing ringing : List.copyOf(waiting.offers.values())) {
                if (rangOut || !stillOfferable(ringing, states)) {
                    waiting.offers.remove(ringing.agentId());
                    waiting.tried.add(ringing.agentId());
                    out.withdraw(waiting, ringing, rangOut ? QueueEffect.Withdraw.Cause.RING_TIMEOUT
                            : QueueEffect.Withdraw.Cause.MEMBER_UNAVAILABLE);
                }
            }
        }
        occupancy.expire(now);
        for (WaitingCaller waiting : callers.values()) {
            Optional<Instant> next = waiting.nextAnnouncement;
            if (next.isPresent() && !now.isBefore(next.get())) {
                announce(waiting, now, out);
            }
        }
        dispatch(now, states, out);
        return out.outcome();
    }

    /** When {@link #review} next has something to do, if ever. */
    public Optional<Instant> nextDue() {
        List<Instant> due = new ArrayList<>(occupancy.nextWrapUpEnd().stream().toList());
        for (WaitingCaller waiting : callers.values()) {
            book(waiting.queue()).settings.maxWait().ifPresent(max -> due.add(waiting.enteredAt().plus(max)));
            if (!waiting.offers.isEmpty()) {
                due.add(waiting.offersUntil);
            }
            waiting.nextRound.ifPresent(due::add);
            waiting.nextAnnouncement.ifPresent(due::add);
        }
        return due.stream().min(Comparator.naturalOrder());
    }

    // ---- statistics ----

    /**
     * The queue as it is now: callers waiting, the longest wait, members and how many are ready. (The
     * counts of what became of its callers are kept by the store: see {@link QueueCallTracker}.)
     */
    public Optional<QueueLive> live(String queue, Instant now, AgentStates states) {
        QueueBook book = book(queue);
        if (book == null) {
            return Optional.empty();
        }
        List<WaitingCaller> waiting = callers.values().stream().filter(w -> w.queue().equals(queue)).toList();
        Duration longest = waiting.stream().map(w -> Duration.between(w.enteredAt(), now))
                .max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
        int ready = (int) book.members().stream().filter(m -> status(m, now, states) == MemberStatus.READY).count();
        return Optional.of(new QueueLive(queue, waiting.size(), longest, book.settings.serviceLevel(), book.size(),
                ready));
    }

    /**
     * How long the queue's answered callers waited on average since {@link #since()} (empty before its
     * first answer): the estimated wait spoken to a waiting caller.
     */
    public Optional<Duration> averageAnswerWait(String queue) {
        QueueBook book = book(queue);
        if (book == null || book.tally.answered == 0) {
            return Optional.empty();
        }
        return Optional.of(book.tally.totalAnswerWait.dividedBy(book.tally.answered));
    }

    /** When the in-memory counts (the answers per agent that {@code fewest_calls} reads) started. */
    public Instant since() {
        return since;
    }

    // ---- facts ----

    private void arrive(QueueFact.CallerArrived arrived, Changes out) {
        if (callers.containsKey(arrived.callId())) {
            return;
        }
        QueueBook book = book(arrived.queue());
        if (book == null) {
            out.effects.add(new QueueEffect.Release(tenant, arrived.callId(), arrived.queue(),
                    QueueEffect.Exit.NO_SUCH_QUEUE));
            return;
        }
        long waiting = callers.values().stream().filter(w -> w.queue().equals(arrived.queue())).count();
        if (book.settings.maxCallers().isPresent() && waiting >= book.settings.maxCallers().getAsInt()) {
            book.tally.refused++;
            out.effects.add(book.settings.overflow().<QueueEffect>map(to -> new QueueEffect.Overflow(tenant,
                    arrived.callId(), arrived.queue(), to, QueueEffect.Exit.QUEUE_FULL)).orElse(
                    new QueueEffect.Release(tenant, arrived.callId(), arrived.queue(), QueueEffect.Exit.QUEUE_FULL)));
            return;
        }
        WaitingCaller entry = new WaitingCaller(arrived);
        callers.put(arrived.callId(), entry);
        book.tally.entered++;
        out.events.add(new QueueEvent.CallerJoined(tenant, arrived.at(), view(entry, arrived.at()),
                (int) waiting + 1));
        if (book.settings.announceEvery().isPresent()) {
            announce(entry, arrived.at(), out);
        }
    }

    private void answer(QueueFact.OfferAnswered answered, AgentStates states, Changes out) {
        WaitingCaller waiting = callers.get(answered.callId());
        if (waiting == null) {
            return;
        }
        Optional<QueueCaller.Ringing> agent = waiting.ringing(answered.device())
                .or(() -> memberOn(waiting.queue(), answered.device(), states));
        if (agent.isEmpty()) {
            return;
        }
        QueueBook book = book(waiting.queue());
        Instant now = answered.at();
        QueueCaller.Ringing by = agent.get();
        QueueCaller before = view(waiting, now);
        waiting.offers.remove(by.agentId());
        occupancy.answered(by, waiting.callId(), waiting.queue(), now);
        book.tally.answered(by.agentId(), by.username(), Duration.between(waiting.enteredAt(), now),
                book.settings.serviceLevel());
        leave(waiting, before, LeaveReason.ANSWERED, Optional.of(by), Optional.empty(), now,
                QueueEffect.Withdraw.Cause.ANSWERED_ELSEWHERE, out);
    }

    private void fail(QueueFact.OfferFailed failed, Changes out) {
        WaitingCaller waiting = callers.get(failed.callId());
        if (waiting == null) {
            return;
        }
        waiting.ringing(failed.device()).ifPresent(r -> {
                    waiting.offers.remove(r.agentId());
                    waiting.tried.add(r.agentId());
                });
    }

    private void end(QueueFact.CallEnded ended, Changes out) {
        Instant now = ended.at();
        WaitingCaller waiting = callers.get(ended.callId());
        if (waiting != null) {
            QueueBook book = book(waiting.queue());
            book.tally.abandoned++;
            leave(waiting, view(waiting, now), LeaveReason.ABANDONED, Optional.empty(), Optional.empty(), now,
                    QueueEffect.Withdraw.Cause.CALLER_LEFT, out);
            return;
        }
        handled(occupancy.ended(ended.callId(), now, this::wrapUpOf), now);
    }

    /** The agent's handling of a queue call ended at {@code now}: the queue counts it. */
    private void handled(Optional<Occupancy.Engagement> over, Instant now) {
        over.ifPresent(e -> {
            QueueBook book = book(e.queue());
            if (book != null) {
                book.tally.handled(e.agent().agentId(), e.agent().username(), Duration.between(e.answeredAt(), now));
            }
        });
    }

    private Duration wrapUpOf(String queue) {
        return Optional.ofNullable(book(queue)).map(b -> b.settings.wrapUp()).orElse(Duration.ZERO);
    }

    // ---- decisions ----

    /** Offers each waiting caller without offers, oldest first, to the members its strategy picks. */
    private void dispatch(Instant now, AgentStates states, Changes out) {
        Set<String> taken = new HashSet<>(offered());
        taken.addAll(occupancy.occupied());
        for (WaitingCaller waiting : callers.values()) {
            if (!waiting.offers.isEmpty()) {
                continue;
            }
            QueueBook book = book(waiting.queue());
            List<Hunt.Candidate> candidates = new ArrayList<>();
            for (QueueMember member : book.members()) {
                String agentId = member.agentId();
                if (taken.contains(agentId) || member.paused()) {
                    continue;
                }
                Optional<AgentView> agent = states.agent(agentId).filter(a -> a.session().isPresent());
                if (agent.isEmpty() || !receives(agent.get()) || states.inCall(agent.get().device().orElseThrow())) {
                    continue;
                }
                Instant idle = occupancy.idleSince(agentId, agent.get().since());
                candidates.add(new Hunt.Candidate(agentId, member.priority(), book.order(agentId), idle,
                        book.tally.answeredBy(agentId)));
            }
            List<Hunt.Candidate> chosen = Hunt.choose(book.settings.strategy(), candidates, waiting.tried,
                    book.lastOffered);
            waiting.nextRound = Optional.empty();
            if (chosen.isEmpty() && !candidates.isEmpty()) {
                if (waiting.offersUntil != null && now.isBefore(waiting.offersUntil)) {
                    waiting.nextRound = Optional.of(waiting.offersUntil); // the last offer failed early
                    continue;
                }
                waiting.tried.clear();
                chosen = Hunt.choose(book.settings.strategy(), candidates, waiting.tried, book.lastOffered);
            }
            if (chosen.isEmpty()) {
                continue;
            }
            waiting.attempts++;
            waiting.offersUntil = now.plus(book.settings.ringTimeout());
            for (Hunt.Candidate candidate : chosen) {
                QueueMember member = book.member(candidate.agentId()).orElseThrow();
                AgentView agent = states.agent(candidate.agentId()).orElseThrow();
                QueueCaller.Ringing ringing = new QueueCaller.Ringing(candidate.agentId(), member.username(),
                        agent.device().orElseThrow());
                waiting.offers.put(candidate.agentId(), ringing);
                taken.add(candidate.agentId());
                book.lastOffered = candidate.order();
            }
            QueueFact.CallerArrived a = waiting.arrival;
            QueueCaller view = view(waiting, now);
            for (QueueCaller.Ringing ringing : waiting.offers.values()) {
                out.effects.add(new QueueEffect.Offer(tenant, a.callId(), a.queue(), ringing.agentId(),
                        ringing.username(), ringing.device(), book.settings.ringTimeout(), a.callerNumber(),
                        a.callerName(), view.waited(), waiting.campaign));
                out.events.add(new QueueEvent.Offered(tenant, now, view, ringing, waiting.attempts,
                        book.settings.ringTimeout()));
            }
        }
    }

    /** The caller waited its queue's maximum: to the overflow destination, or released. */
    private void exit(WaitingCaller waiting, QueueBook book, QueueEffect.Exit cause, Instant now, Changes out) {
        Optional<OverflowTarget> to = book.settings.overflow();
        QueueCaller before = view(waiting, now);
        if (to.isPresent()) {
            book.tally.overflowed++;
        } else {
            book.tally.timedOut++;
        }
        leave(waiting, before, to.isPresent() ? LeaveReason.OVERFLOW : LeaveReason.TIMEOUT, Optional.empty(), to, now,
                QueueEffect.Withdraw.Cause.CALLER_LEFT, out);
        out.effects.add(to.<QueueEffect>map(t -> new QueueEffect.Overflow(tenant, waiting.callId(), waiting.queue(), t,
                cause)).orElse(new QueueEffect.Release(tenant, waiting.callId(), waiting.queue(), cause)));
    }

    /** Takes the caller out: its other offers are withdrawn, {@code queue.caller_left}. */
    private void leave(WaitingCaller waiting, QueueCaller before, LeaveReason reason, Optional<QueueCaller.Ringing> by,
            Optional<OverflowTarget> to, Instant now, QueueEffect.Withdraw.Cause cause, Changes out) {
        callers.remove(waiting.callId());
        waiting.offers.values().forEach(r -> out.withdraw(waiting, r, cause));
        waiting.offers.clear();
        out.events.add(new QueueEvent.CallerLeft(tenant, now, before, reason, by, to));
    }

    private void announce(WaitingCaller waiting, Instant now, Changes out) {
        QueueCaller view = view(waiting, now);
        int count = (int) callers.values().stream().filter(w -> w.queue().equals(waiting.queue())).count();
        out.effects.add(new QueueEffect.Announce(tenant, waiting.callId(), waiting.queue(), view.position(), count,
                view.waited()));
        waiting.nextAnnouncement = book(waiting.queue()).settings.announceEvery().map(now::plus);
    }

    /** After a member left or paused the queue: the calls of the queue ringing it are withdrawn. */
    private QueueOutcome withdrawing(QueueOutcome change, String queue, String agentId) {
        if (change.refusal().isPresent() || change.events().isEmpty()) {
            return change;
        }
        Changes out = new Changes();
        for (WaitingCaller waiting : callers.values()) {
            QueueCaller.Ringing ringing = waiting.queue().equals(queue) ? waiting.offers.remove(agentId) : null;
            if (ringing != null) {
                waiting.tried.add(agentId);
                out.withdraw(waiting, ringing, QueueEffect.Withdraw.Cause.MEMBER_UNAVAILABLE);
            }
        }
        return change.then(out.outcome());
    }

    /** A command's change, then what it makes due; a refused command changes nothing. */
    private QueueOutcome settle(QueueOutcome change, Instant now, AgentStates states) {
        return change.refusal().isPresent() ? change : change.then(review(now, states));
    }

    /** Whether the agent rung may go on ringing: still logged in on that device, in a state that receives. */
    private static boolean stillOfferable(QueueCaller.Ringing ringing, AgentStates states) {
        return states.agent(ringing.agentId())
                .filter(a -> a.device().filter(ringing.device()::equals).isPresent() && receives(a)).isPresent();
    }

    /** Available, or paused in a reason that may receive calls. */
    private static boolean receives(AgentView agent) {
        return agent.state() == IntervalState.AVAILABLE || (agent.state() == IntervalState.PAUSED
                && agent.reason().map(PauseReason::mayReceiveCalls).orElse(false));
    }


    private Set<String> offered() {
        Set<String> offered = new HashSet<>();
        callers.values().forEach(w -> offered.addAll(w.offers.keySet()));
        return offered;
    }

    /** A member of the queue logged in on {@code device} (an answer that beat the withdrawal of its offer). */
    private Optional<QueueCaller.Ringing> memberOn(String queue, String device, AgentStates states) {
        return book(queue).members().stream()
                .filter(m -> states.agent(m.agentId()).flatMap(AgentView::device).filter(device::equals).isPresent())
                .findFirst().map(m -> new QueueCaller.Ringing(m.agentId(), m.username(), device));
    }

    /** The queue a caller waits in (it exists while the caller waits: a queue with callers is not deleted). */
    private QueueBook book(String name) {
        return memberships.book(name).orElse(null);
    }

    private QueueCaller view(WaitingCaller waiting, Instant now) {
        int position = 1;
        for (WaitingCaller other : callers.values()) {
            if (other == waiting) {
                break;
            }
            if (other.queue().equals(waiting.queue())) {
                position++;
            }
        }
        return waiting.view(position, now);
    }

}
