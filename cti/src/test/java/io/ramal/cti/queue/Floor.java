package io.ramal.cti.queue;

import io.ramal.cti.CampaignFields;
import io.ramal.cti.agent.AgentRoster;
import io.ramal.cti.agent.DeviceLines;
import io.ramal.cti.agent.Interval;
import io.ramal.cti.agent.LogIn;
import io.ramal.cti.agent.LogonKind;
import io.ramal.cti.agent.PauseReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A contact-centre floor for the distributor's tests: a real agent roster (agents log in on devices and
 * pause with reasons), devices whose calls the test sets, a manual clock, and the distributor, with
 * everything it emitted recorded in order. Agent ids are their names; agent {@code alice} logs in on
 * the device the test names.
 */
final class Floor {
    static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    static final PauseReason LUNCH = new PauseReason("lunch", "Lunch", false, false, false, Set.of(), Optional.empty());
    static final PauseReason BACK_OFFICE = new PauseReason("back", "Back office", true, true, true, Set.of(),
            Optional.empty());

    final ManualClock clock = new ManualClock(T0);
    final Set<String> busyDevices = new HashSet<>();
    final AgentRoster roster;
    final CallDistributor acd = new CallDistributor("acme", T0);
    final List<QueueEvent> events = new ArrayList<>();
    final List<QueueEffect> effects = new ArrayList<>();
    final List<MembershipChange> memberships = new ArrayList<>();
    private final DeviceLines lines = new DeviceLines() {
        @Override
        public boolean registered(String device) {
            return true;
        }

        @Override
        public boolean inCall(String device) {
            return busyDevices.contains(device);
        }
    };

    Floor() {
        AtomicInteger ids = new AtomicInteger();
        roster = new AgentRoster("acme", () -> "id" + ids.incrementAndGet());
    }

    AgentStates states() {
        return AgentStates.of(roster::agent, lines);
    }

    Instant now() {
        return clock.instant();
    }

    QueueOutcome keep(QueueOutcome outcome) {
        memberships.addAll(outcome.memberships());
        events.addAll(outcome.events());
        effects.addAll(outcome.effects());
        return outcome;
    }

    Floor queue(QueueSettings settings) {
        keep(acd.define(settings, now(), states()));
        return this;
    }

    Floor logIn(String agent, String device) {
        roster.logIn(new LogIn(agent, agent, device, new Interval.Logon(LogonKind.EXTENSION, device),
                List.of(LUNCH, BACK_OFFICE), true, agent), now(), lines);
        return this;
    }

    Floor logOut(String agent) {
        roster.logOut(agent, agent, now());
        return this;
    }

    Floor pauseAgent(String agent, PauseReason reason) {
        roster.pause(agent, reason, false, agent, now(), lines);
        return this;
    }

    Floor available(String agent) {
        roster.makeAvailable(agent, agent, now());
        return this;
    }

    Floor join(String queue, String agent, int priority) {
        keep(acd.join(queue, agent, agent, priority, agent, now(), states()));
        return this;
    }

    QueueOutcome arrive(String callId, String queue) {
        return arrive(callId, queue, CampaignFields.NONE);
    }

    QueueOutcome arrive(String callId, String queue, CampaignFields campaign) {
        return keep(acd.on(new QueueFact.CallerArrived("acme", callId, queue, "+55119" + callId.hashCode(),
                Optional.of("Caller " + callId), campaign, now()), states()));
    }

    QueueOutcome answer(String callId, String device) {
        busyDevices.add(device);
        return keep(acd.on(new QueueFact.OfferAnswered("acme", callId, device, now()), states()));
    }

    QueueOutcome fail(String callId, String device, QueueFact.OfferFailed.Cause cause) {
        return keep(acd.on(new QueueFact.OfferFailed("acme", callId, device, cause, now()), states()));
    }

    /** {@code device} leaves the queue call (transfers the caller away); it is free again, the call goes on. */
    QueueOutcome leave(String callId, String device) {
        busyDevices.remove(device);
        return keep(acd.on(new QueueFact.AgentLeft("acme", callId, device, now()), states()));
    }

    /** The caller's call ends; the agent's device it was connected to (if any) is free again. */
    QueueOutcome end(String callId, String... freeDevices) {
        for (String device : freeDevices) {
            busyDevices.remove(device);
        }
        return keep(acd.on(new QueueFact.CallEnded("acme", callId, now()), states()));
    }

    /** Time passes; the distributor reviews what became due. */
    QueueOutcome advance(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        return review();
    }

    QueueOutcome review() {
        return keep(acd.review(now(), states()));
    }

    /** The devices rung so far, in order (one entry per offer). */
    List<String> offeredDevices() {
        return effects.stream().filter(QueueEffect.Offer.class::isInstance).map(e -> ((QueueEffect.Offer) e).device())
                .toList();
    }

    /** The agents offered {@code callId}, in order. */
    List<String> offeredAgents(String callId) {
        return effects.stream().filter(QueueEffect.Offer.class::isInstance).map(QueueEffect.Offer.class::cast)
                .filter(o -> o.callId().equals(callId)).map(QueueEffect.Offer::agentId).toList();
    }

    /** The devices ringing for {@code callId} now. */
    List<String> ringing(String callId) {
        return acd.callers(callerQueue(callId), now()).stream().filter(c -> c.callId().equals(callId)).findFirst()
                .map(c -> c.offeredTo().stream().map(QueueCaller.Ringing::device).toList()).orElse(List.of());
    }

    private String callerQueue(String callId) {
        return acd.queues().stream().map(QueueSettings::name)
                .filter(q -> acd.callers(q, now()).stream().anyMatch(c -> c.callId().equals(callId))).findFirst()
                .orElse("none");
    }

    List<String> eventTypes() {
        return events.stream().map(QueueEvent::type).toList();
    }

    static <T> List<T> only(List<? super T> all, Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
