package io.ramal.cti.queue;

import io.ramal.cti.Identifiers;
import io.ramal.cti.agent.AgentView;
import io.ramal.cti.agent.IntervalState;
import io.ramal.cti.agent.PauseReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

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
 * queue call ends, lasts the wrap-up of that call's queue and keeps every queue's calls from the agent.
 * A caller's offers ring the queue's ring timeout; the members offered and not answering are tried
 * again only after every other member that may take the call was tried (a new round). Priority tiers:
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
    private final Map<String, Book> queues = new TreeMap<>();
    private final Map<String, Waiting> callers = new LinkedHashMap<>();
    private final Map<String, Engagement> engaged = new HashMap<>();
    private final Map<String, Instant> wrapUntil = new HashMap<>();
    private final Map<String, Instant> readySince = new HashMap<>();
    private long joins;
    private long arrivals;

    /** A queue: its settings, members (in join order), round robin's place and its counts. */
    private static final class Book {
        QueueSettings settings;
        final Map<String, Member> members = new LinkedHashMap<>();
        long lastOffered = -1;
        final QueueTally tally = new QueueTally();

        Book(QueueSettings settings) {
            this.settings = settings;
        }
    }

    /** A membership and its place in the join order. */
    private static final class Member {
        QueueMember value;
        final long order;

        Member(QueueMember value, long order) {
            this.value = value;
            this.order = order;
        }
    }

    /** A caller in a queue, the offers ringing for it and the members tried in this round. */
    private static final class Waiting {
        final QueueFact.CallerArrived arrival;
        final long seq;
        final Map<String, QueueCaller.Ringing> offers = new LinkedHashMap<>();
        final Set<String> tried = new HashSet<>();
        Instant offersUntil;
        Optional<Instant> nextAnnouncement = Optional.empty();
        int attempts;

        Waiting(QueueFact.CallerArrived arrival, long seq) {
            this.arrival = arrival;
            this.seq = seq;
        }

        String callId() {
            return arrival.callId();
        }

        String queue() {
            return arrival.queue();
        }

        Instant enteredAt() {
            return arrival.at();
        }
    }

    /** A queue call an agent answered and is on. */
    private record Engagement(String callId, String queue, QueueCaller.Ringing agent, Instant answeredAt) {}

    /** What one step produced, in order. */
    private final class Changes {
        final List<MembershipChange> memberships = new ArrayList<>();
        final List<QueueEvent> events = new ArrayList<>();
        final List<QueueEffect> effects = new ArrayList<>();

        QueueOutcome outcome() {
            return new QueueOutcome(memberships, events, effects, Optional.empty());
        }

        void withdraw(Waiting waiting, QueueCaller.Ringing ringing, QueueEffect.Withdraw.Cause cause) {
            effects.add(new QueueEffect.Withdraw(tenant, waiting.callId(), ringing.device(), cause));
        }
    }

    /** @param since when the counts start (the statistics' {@code since}) */
    public CallDistributor(String tenant, Instant since) {
        this.tenant = Identifiers.nonBlank(tenant, "tenant");
        this.since = Objects.requireNonNull(since, "since");
    }

    public String tenant() {
        return tenant;
    }

    // ---- queues ----

    /** Takes up a stored queue and its memberships (at start; no events). */
    public void restore(QueueSettings settings, List<QueueMember> members) {
        Book book = queues.computeIfAbsent(settings.name(), n -> new Book(settings));
        book.settings = settings;
        members.stream().filter(m -> m.queue().equals(settings.name()))
                .sorted(Comparator.comparing(QueueMember::joinedAt).thenComparing(QueueMember::agentId))
                .forEach(m -> book.members.put(m.agentId(), new Member(m, joins++)));
    }

    /** Adds a queue or changes its settings; callers waiting are served by the new settings from now on. */
    public QueueOutcome define(QueueSettings settings, Instant now, AgentStates states) {
        Book book = queues.get(settings.name());
        if (book == null) {
            queues.put(settings.name(), new Book(settings));
        } else {
            book.settings = settings;
            if (settings.announceEvery().isEmpty()) {
                callers.values().stream().filter(w -> w.queue().equals(settings.name()))
                        .forEach(w -> w.nextAnnouncement = Optional.empty());
            }
        }
        return review(now, states);
    }

    /**
     * Deletes a queue; refused while callers wait in it. Its members leave it ({@code queue.member_left},
     * cause {@code queue_deleted}).
     */
    public QueueOutcome remove(String name, String by, Instant now, AgentStates states) {
        Book book = queues.get(name);
        if (book == null) {
            return notFound(name);
        }
        long waiting = callers.values().stream().filter(w -> w.queue().equals(name)).count();
        if (waiting > 0) {
            return QueueOutcome.refused(QueueRefusal.Code.QUEUE_NOT_EMPTY, waiting + " callers wait in queue " + name);
        }
        queues.remove(name);
        Changes out = new Changes();
        for (Member member : book.members.values()) {
            out.memberships.add(new MembershipChange.Removed(name, member.value.agentId()));
            out.events.add(new QueueEvent.MemberLeft(tenant, now, member.value, device(states, member.value.agentId()),
                    by, QueueEvent.MemberLeft.LeftCause.QUEUE_DELETED));
        }
        return out.outcome().then(review(now, states));
    }

    public List<QueueSettings> queues() {
        return queues.values().stream().map(b -> b.settings).toList();
    }

    public Optional<QueueSettings> queue(String name) {
        return Optional.ofNullable(queues.get(name)).map(b -> b.settings);
    }

    // ---- members ----

    /**
     * The agent joins the queue ({@code queue.member_joined}); a member already in it only gets the new
     * priority (no event).
     */
    public QueueOutcome join(String queue, String agentId, String username, int priority, String by, Instant now,
            AgentStates states) {
        Book book = queues.get(queue);
        if (book == null) {
            return notFound(queue);
        }
        Member member = book.members.get(agentId);
        Changes out = new Changes();
        if (member == null) {
            QueueMember joined = new QueueMember(queue, agentId, username, priority, now, Optional.empty());
            book.members.put(agentId, new Member(joined, joins++));
            out.memberships.add(new MembershipChange.Saved(joined));
            out.events.add(new QueueEvent.MemberJoined(tenant, now, joined, device(states, agentId), by));
        } else if (member.value.priority() != priority || !member.value.username().equals(username)) {
            QueueMember v = member.value;
            member.value = new QueueMember(queue, agentId, username, priority, v.joinedAt(), v.pause());
            out.memberships.add(new MembershipChange.Saved(member.value));
        }
        return out.outcome().then(review(now, states));
    }

    /** The agent leaves the queue ({@code queue.member_left}); a call ringing it from the queue is withdrawn. */
    public QueueOutcome leave(String queue, String agentId, String by, Instant now, AgentStates states) {
        Book book = queues.get(queue);
        if (book == null) {
            return notFound(queue);
        }
        Member member = book.members.remove(agentId);
        if (member == null) {
            return notMember(queue, agentId);
        }
        Changes out = new Changes();
        out.memberships.add(new MembershipChange.Removed(queue, agentId));
        out.events.add(new QueueEvent.MemberLeft(tenant, now, member.value, device(states, agentId), by,
                QueueEvent.MemberLeft.LeftCause.REQUESTED));
        withdrawFrom(queue, agentId, out);
        return out.outcome().then(review(now, states));
    }

    /**
     * Pauses the member in the queue ({@code queue.member_paused}), with an optional reason; pausing again
     * with another reason changes it (a new event), with the same changes nothing. A call ringing it from
     * the queue is withdrawn.
     */
    public QueueOutcome pause(String queue, String agentId, Optional<String> reason, String by, Instant now,
            AgentStates states) {
        Book book = queues.get(queue);
        if (book == null) {
            return notFound(queue);
        }
        Member member = book.members.get(agentId);
        if (member == null) {
            return notMember(queue, agentId);
        }
        if (member.value.pause().filter(p -> p.reason().equals(reason)).isPresent()) {
            return QueueOutcome.NOTHING;
        }
        QueueMember v = member.value;
        member.value = new QueueMember(queue, agentId, v.username(), v.priority(), v.joinedAt(),
                Optional.of(new QueueMember.Pause(reason, now)));
        Changes out = new Changes();
        out.memberships.add(new MembershipChange.Saved(member.value));
        out.events.add(new QueueEvent.MemberPaused(tenant, now, member.value, device(states, agentId), by));
        withdrawFrom(queue, agentId, out);
        return out.outcome().then(review(now, states));
    }

    /** The member takes the queue's calls again ({@code queue.member_unpaused}); not paused: nothing. */
    public QueueOutcome unpause(String queue, String agentId, String by, Instant now, AgentStates states) {
        Book book = queues.get(queue);
        if (book == null) {
            return notFound(queue);
        }
        Member member = book.members.get(agentId);
        if (member == null) {
            return notMember(queue, agentId);
        }
        if (!member.value.paused()) {
            return QueueOutcome.NOTHING;
        }
        QueueMember v = member.value;
        member.value = new QueueMember(queue, agentId, v.username(), v.priority(), v.joinedAt(), Optional.empty());
        Changes out = new Changes();
        out.memberships.add(new MembershipChange.Saved(member.value));
        out.events.add(new QueueEvent.MemberUnpaused(tenant, now, member.value, device(states, agentId), by));
        return out.outcome().then(review(now, states));
    }

    /** The queue's members in join order (empty for an unknown queue). */
    public List<QueueMember> members(String queue) {
        Book book = queues.get(queue);
        return book == null ? List.of() : book.members.values().stream().map(m -> m.value).toList();
    }

    public Optional<QueueMember> member(String queue, String agentId) {
        return Optional.ofNullable(queues.get(queue)).map(b -> b.members.get(agentId)).map(m -> m.value);
    }

    /** The agent's memberships, by queue name. */
    public List<QueueMember> memberships(String agentId) {
        return queues.values().stream().map(b -> b.members.get(agentId)).filter(Objects::nonNull).map(m -> m.value)
                .toList();
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
        if (engaged.containsKey(member.agentId()) || states.inCall(agent.get().device().orElseThrow())) {
            return MemberStatus.IN_CALL;
        }
        if (wrapping(member.agentId(), now)) {
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
            case QueueFact.CallEnded ended -> end(ended, out);
        }
        return out.outcome().then(review(now, states));
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
        for (Waiting waiting : List.copyOf(callers.values())) {
            Book book = queues.get(waiting.queue());
            Optional<Duration> max = book.settings.maxWait();
            if (max.isPresent() && !now.isBefore(waiting.enteredAt().plus(max.get()))) {
                exit(waiting, book, QueueEffect.Exit.MAX_WAIT, now, out);
            }
        }
        for (Waiting waiting : callers.values()) {
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
        wrapUntil.values().removeIf(until -> !now.isBefore(until));
        for (Waiting waiting : callers.values()) {
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
        List<Instant> due = new ArrayList<>(wrapUntil.values());
        for (Waiting waiting : callers.values()) {
            queues.get(waiting.queue()).settings.maxWait().ifPresent(max -> due.add(waiting.enteredAt().plus(max)));
            if (!waiting.offers.isEmpty()) {
                due.add(waiting.offersUntil);
            }
            waiting.nextAnnouncement.ifPresent(due::add);
        }
        return due.stream().min(Comparator.naturalOrder());
    }

    // ---- statistics ----

    /** The queue's numbers now. */
    public Optional<QueueStats> stats(String queue, Instant now, AgentStates states) {
        Book book = queues.get(queue);
        if (book == null) {
            return Optional.empty();
        }
        List<Waiting> waiting = callers.values().stream().filter(w -> w.queue().equals(queue)).toList();
        Duration longest = waiting.stream().map(w -> Duration.between(w.enteredAt(), now)).max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
        int ready = (int) book.members.values().stream()
                .filter(m -> status(m.value, now, states) == MemberStatus.READY).count();
        QueueTally t = book.tally;
        return Optional.of(new QueueStats(queue, since, waiting.size(), longest, t.entered, t.answered,
                t.answeredWithinServiceLevel, t.abandoned, t.overflowed, t.timedOut, t.refused, t.totalAnswerWait,
                book.settings.serviceLevel(), book.members.size(), ready, t.agents()));
    }

    /** Every agent's queue calls over every queue, by username. */
    public List<AgentStats> agentStats() {
        Map<String, AgentStats> all = new LinkedHashMap<>();
        queues.values().forEach(b -> b.tally.agents().forEach(a -> all.merge(a.agentId(), a, AgentStats::plus)));
        return all.values().stream().sorted(Comparator.comparing(AgentStats::username)).toList();
    }

    /** When the counts started. */
    public Instant since() {
        return since;
    }

    // ---- facts ----

    private void arrive(QueueFact.CallerArrived arrived, Changes out) {
        if (callers.containsKey(arrived.callId())) {
            return;
        }
        Book book = queues.get(arrived.queue());
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
        Waiting entry = new Waiting(arrived, arrivals++);
        callers.put(arrived.callId(), entry);
        book.tally.entered++;
        out.events.add(new QueueEvent.CallerJoined(tenant, arrived.at(), view(entry, arrived.at()),
                (int) waiting + 1));
        if (book.settings.announceEvery().isPresent()) {
            announce(entry, arrived.at(), out);
        }
    }

    private void answer(QueueFact.OfferAnswered answered, AgentStates states, Changes out) {
        Waiting waiting = callers.get(answered.callId());
        if (waiting == null) {
            return;
        }
        Optional<QueueCaller.Ringing> agent = waiting.offers.values().stream()
                .filter(r -> r.device().equals(answered.device())).findFirst()
                .or(() -> memberOn(waiting.queue(), answered.device(), states));
        if (agent.isEmpty()) {
            return;
        }
        Book book = queues.get(waiting.queue());
        Instant now = answered.at();
        QueueCaller.Ringing by = agent.get();
        QueueCaller before = view(waiting, now);
        waiting.offers.remove(by.agentId());
        engaged.put(by.agentId(), new Engagement(waiting.callId(), waiting.queue(), by, now));
        book.tally.answered(by.agentId(), by.username(), Duration.between(waiting.enteredAt(), now),
                book.settings.serviceLevel());
        leave(waiting, before, LeaveReason.ANSWERED, Optional.of(by), Optional.empty(), now,
                QueueEffect.Withdraw.Cause.ANSWERED_ELSEWHERE, out);
    }

    private void fail(QueueFact.OfferFailed failed, Changes out) {
        Waiting waiting = callers.get(failed.callId());
        if (waiting == null) {
            return;
        }
        waiting.offers.values().stream().filter(r -> r.device().equals(failed.device())).findFirst()
                .ifPresent(r -> {
                    waiting.offers.remove(r.agentId());
                    waiting.tried.add(r.agentId());
                });
    }

    private void end(QueueFact.CallEnded ended, Changes out) {
        Instant now = ended.at();
        Waiting waiting = callers.get(ended.callId());
        if (waiting != null) {
            Book book = queues.get(waiting.queue());
            book.tally.abandoned++;
            leave(waiting, view(waiting, now), LeaveReason.ABANDONED, Optional.empty(), Optional.empty(), now,
                    QueueEffect.Withdraw.Cause.CALLER_LEFT, out);
            return;
        }
        engaged.values().stream().filter(e -> e.callId().equals(ended.callId())).findFirst().ifPresent(e -> {
            engaged.remove(e.agent().agentId());
            Book book = queues.get(e.queue());
            Duration wrapUp = book == null ? Duration.ZERO : book.settings.wrapUp();
            if (book != null) {
                book.tally.handled(e.agent().agentId(), e.agent().username(), Duration.between(e.answeredAt(), now));
            }
            if (!wrapUp.isZero()) {
                wrapUntil.put(e.agent().agentId(), now.plus(wrapUp));
            }
            readySince.put(e.agent().agentId(), now.plus(wrapUp));
        });
    }

    // ---- decisions ----

    /** Offers each waiting caller without offers, oldest first, to the members its strategy picks. */
    private void dispatch(Instant now, AgentStates states, Changes out) {
        Set<String> taken = new HashSet<>(offered());
        taken.addAll(engaged.keySet());
        taken.addAll(wrapUntil.keySet());
        for (Waiting waiting : callers.values()) {
            if (!waiting.offers.isEmpty()) {
                continue;
            }
            Book book = queues.get(waiting.queue());
            List<Hunt.Candidate> candidates = new ArrayList<>();
            for (Member member : book.members.values()) {
                String agentId = member.value.agentId();
                if (taken.contains(agentId) || member.value.paused()) {
                    continue;
                }
                Optional<AgentView> agent = states.agent(agentId).filter(a -> a.session().isPresent());
                if (agent.isEmpty() || !receives(agent.get()) || states.inCall(agent.get().device().orElseThrow())) {
                    continue;
                }
                Instant idle = Stream.of(agent.get().since(), readySince.getOrDefault(agentId, Instant.EPOCH))
                        .max(Comparator.naturalOrder()).orElseThrow();
                candidates.add(new Hunt.Candidate(agentId, member.value.priority(), member.order, idle,
                        book.tally.answeredBy(agentId)));
            }
            List<Hunt.Candidate> chosen = Hunt.choose(book.settings.strategy(), candidates, waiting.tried,
                    book.lastOffered);
            if (chosen.isEmpty() && !candidates.isEmpty()) {
                waiting.tried.clear();
                chosen = Hunt.choose(book.settings.strategy(), candidates, waiting.tried, book.lastOffered);
            }
            if (chosen.isEmpty()) {
                continue;
            }
            waiting.attempts++;
            waiting.offersUntil = now.plus(book.settings.ringTimeout());
            for (Hunt.Candidate candidate : chosen) {
                Member member = book.members.get(candidate.agentId());
                AgentView agent = states.agent(candidate.agentId()).orElseThrow();
                QueueCaller.Ringing ringing = new QueueCaller.Ringing(candidate.agentId(), member.value.username(),
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
                        a.callerName(), view.waited(), a.campaign()));
                out.events.add(new QueueEvent.Offered(tenant, now, view, ringing, waiting.attempts,
                        book.settings.ringTimeout()));
            }
        }
    }

    /** The caller waited its queue's maximum: to the overflow destination, or released. */
    private void exit(Waiting waiting, Book book, QueueEffect.Exit cause, Instant now, Changes out) {
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
    private void leave(Waiting waiting, QueueCaller before, LeaveReason reason, Optional<QueueCaller.Ringing> by,
            Optional<OverflowTarget> to, Instant now, QueueEffect.Withdraw.Cause cause, Changes out) {
        callers.remove(waiting.callId());
        waiting.offers.values().forEach(r -> out.withdraw(waiting, r, cause));
        waiting.offers.clear();
        out.events.add(new QueueEvent.CallerLeft(tenant, now, before, reason, by, to));
    }

    private void announce(Waiting waiting, Instant now, Changes out) {
        QueueCaller view = view(waiting, now);
        int count = (int) callers.values().stream().filter(w -> w.queue().equals(waiting.queue())).count();
        out.effects.add(new QueueEffect.Announce(tenant, waiting.callId(), waiting.queue(), view.position(), count,
                view.waited()));
        waiting.nextAnnouncement = queues.get(waiting.queue()).settings.announceEvery().map(now::plus);
    }

    /** Withdraws the calls of {@code queue} ringing the agent (it left or paused the queue). */
    private void withdrawFrom(String queue, String agentId, Changes out) {
        for (Waiting waiting : callers.values()) {
            QueueCaller.Ringing ringing = waiting.queue().equals(queue) ? waiting.offers.remove(agentId) : null;
            if (ringing != null) {
                waiting.tried.add(agentId);
                out.withdraw(waiting, ringing, QueueEffect.Withdraw.Cause.MEMBER_UNAVAILABLE);
            }
        }
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

    private boolean wrapping(String agentId, Instant now) {
        Instant until = wrapUntil.get(agentId);
        return until != null && now.isBefore(until);
    }

    private Set<String> offered() {
        Set<String> offered = new HashSet<>();
        callers.values().forEach(w -> offered.addAll(w.offers.keySet()));
        return offered;
    }

    /** A member of the queue logged in on {@code device} (an answer that beat the withdrawal of its offer). */
    private Optional<QueueCaller.Ringing> memberOn(String queue, String device, AgentStates states) {
        return queues.get(queue).members.values().stream()
                .filter(m -> states.agent(m.value.agentId()).flatMap(AgentView::device).filter(device::equals)
                        .isPresent())
                .findFirst().map(m -> new QueueCaller.Ringing(m.value.agentId(), m.value.username(), device));
    }

    private QueueCaller view(Waiting waiting, Instant now) {
        int position = 1;
        for (Waiting other : callers.values()) {
            if (other == waiting) {
                break;
            }
            if (other.queue().equals(waiting.queue())) {
                position++;
            }
        }
        QueueFact.CallerArrived a = waiting.arrival;
        Duration waited = Duration.between(a.at(), now);
        return new QueueCaller(a.callId(), a.queue(), a.callerNumber(), a.callerName(), a.at(), position,
                waited.isNegative() ? Duration.ZERO : waited, a.campaign(), List.copyOf(waiting.offers.values()));
    }

    private static Optional<String> device(AgentStates states, String agentId) {
        return states.agent(agentId).flatMap(AgentView::device);
    }

    private QueueOutcome notFound(String queue) {
        return QueueOutcome.refused(QueueRefusal.Code.QUEUE_NOT_FOUND, "no queue " + queue);
    }

    private QueueOutcome notMember(String queue, String agentId) {
        return QueueOutcome.refused(QueueRefusal.Code.NOT_A_MEMBER, "agent " + agentId + " is not a member of queue "
                + queue);
    }
}
