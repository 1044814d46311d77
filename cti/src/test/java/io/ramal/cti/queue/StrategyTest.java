package io.ramal.cti.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which agents each strategy offers a waiting call to, and in what order when nobody answers. */
class StrategyTest {
    private final Floor floor = new Floor();

    private Floor threeAgents(Strategy strategy) {
        floor.queue(QueueSettings.defaults("sales").withStrategy(strategy).withRingTimeout(Duration.ofSeconds(10)));
        return floor.logIn("alice", "1001").logIn("bob", "1002").logIn("carol", "1003")
                .join("sales", "alice", 0).join("sales", "bob", 0).join("sales", "carol", 0);
    }

    @Test
    void ringAllRingsEveryReadyMemberAndTheFirstToAnswerTakesTheCall() {
        threeAgents(Strategy.RING_ALL);

        floor.arrive("c1", "sales");
        assertThat(floor.offeredDevices()).containsExactly("1001", "1002", "1003");
        assertThat(floor.eventTypes()).containsExactly("queue.member_joined", "queue.member_joined",
                "queue.member_joined", "queue.caller_joined", "queue.offered", "queue.offered", "queue.offered");

        QueueOutcome answered = floor.answer("c1", "1002");
        assertThat(Floor.only(answered.effects(), QueueEffect.Withdraw.class))
                .extracting(QueueEffect.Withdraw::device, QueueEffect.Withdraw::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1001",
                        QueueEffect.Withdraw.Cause.ANSWERED_ELSEWHERE),
                        org.assertj.core.groups.Tuple.tuple("1003", QueueEffect.Withdraw.Cause.ANSWERED_ELSEWHERE));
        QueueEvent.CallerLeft left = Floor.only(answered.events(), QueueEvent.CallerLeft.class).getFirst();
        assertThat(left.reason()).isEqualTo(LeaveReason.ANSWERED);
        assertThat(left.answeredBy()).map(QueueCaller.Ringing::agentId).contains("bob");
        assertThat(floor.acd.callers("sales", floor.now())).isEmpty();
    }

    @Test
    void ringAllRingsTheLowerTierFirstThenTheNextThenStartsOver() {
        floor.queue(QueueSettings.defaults("sales").withRingTimeout(Duration.ofSeconds(15)));
        floor.logIn("alice", "1001").logIn("bob", "1002").logIn("carol", "1003")
                .join("sales", "carol", 1).join("sales", "alice", 0).join("sales", "bob", 0);

        floor.arrive("c1", "sales");
        assertThat(floor.ringing("c1")).containsExactly("1001", "1002");
        floor.advance(14);
        assertThat(floor.ringing("c1")).as("not yet rung out").containsExactly("1001", "1002");
        floor.advance(1);
        assertThat(floor.ringing("c1")).containsExactly("1003");
        floor.advance(15);
        assertThat(floor.ringing("c1")).as("a new round").containsExactly("1001", "1002");

        assertThat(floor.offeredDevices()).containsExactly("1001", "1002", "1003", "1001", "1002");
        assertThat(Floor.only(floor.effects, QueueEffect.Withdraw.class)).extracting(QueueEffect.Withdraw::cause)
                .containsOnly(QueueEffect.Withdraw.Cause.RING_TIMEOUT).hasSize(3);
        assertThat(Floor.only(floor.events, QueueEvent.Offered.class)).extracting(QueueEvent.Offered::attempt)
                .containsExactly(1, 1, 2, 3, 3);
    }

    @Test
    void longestIdleOffersTheAgentIdleLongestAndTheNextOnNoAnswer() {
        floor.queue(QueueSettings.defaults("sales").withStrategy(Strategy.LONGEST_IDLE)
                .withRingTimeout(Duration.ofSeconds(10)));
        floor.logIn("carol", "1003");
        floor.advance(60);
        floor.logIn("alice", "1001");
        floor.advance(60);
        floor.logIn("bob", "1002");
        floor.join("sales", "alice", 0).join("sales", "bob", 0).join("sales", "carol", 0);

        floor.arrive("c1", "sales");
        floor.advance(10);
        floor.advance(10);
        floor.advance(10);
        assertThat(floor.offeredAgents("c1")).containsExactly("carol", "alice", "bob", "carol");

        floor.answer("c1", "1003");
        floor.advance(30);
        floor.end("c1", "1003");
        floor.arrive("c2", "sales");
        assertThat(floor.offeredAgents("c2")).as("carol just finished a call: idle the shortest")
                .containsExactly("alice");
    }

    @Test
    void roundRobinGoesOnFromTheMemberOfferedLast() {
        threeAgents(Strategy.ROUND_ROBIN);

        floor.arrive("c1", "sales");
        floor.answer("c1", "1001");
        floor.arrive("c2", "sales");
        floor.answer("c2", "1002");
        floor.end("c1", "1001");
        floor.end("c2", "1002");
        floor.arrive("c3", "sales");
        floor.advance(10);
        floor.answer("c3", "1001");
        floor.arrive("c4", "sales");

        assertThat(floor.offeredAgents("c1")).containsExactly("alice");
        assertThat(floor.offeredAgents("c2")).containsExactly("bob");
        assertThat(floor.offeredAgents("c3")).as("carol does not answer; round robin wraps to alice")
                .containsExactly("carol", "alice");
        assertThat(floor.offeredAgents("c4")).containsExactly("bob");
    }

    @Test
    void fewestCallsOffersTheMemberWhoAnsweredFewestThenJoinOrder() {
        threeAgents(Strategy.FEWEST_CALLS);

        floor.arrive("c1", "sales");
        floor.answer("c1", "1001");
        floor.end("c1", "1001");
        floor.arrive("c2", "sales");
        floor.answer("c2", "1002");
        floor.end("c2", "1002");
        floor.arrive("c3", "sales");
        floor.fail("c3", "1003", QueueFact.OfferFailed.Cause.BUSY);
        floor.answer("c3", "1001");
        floor.end("c3", "1001");
        floor.arrive("c4", "sales");

        assertThat(floor.offeredAgents("c1")).containsExactly("alice");
        assertThat(floor.offeredAgents("c2")).containsExactly("bob");
        assertThat(floor.offeredAgents("c3")).as("carol is busy at once; alice and bob have one call each")
                .containsExactly("carol", "alice");
        assertThat(floor.offeredAgents("c4")).as("carol answered none").containsExactly("carol");
    }

    @Test
    void aHigherTierIsOfferedCallsOnlyWhenNoLowerTierMemberIsLeftToTry() {
        floor.queue(QueueSettings.defaults("sales").withStrategy(Strategy.ROUND_ROBIN)
                .withRingTimeout(Duration.ofSeconds(10)));
        floor.logIn("alice", "1001").logIn("bob", "1002").logIn("carol", "1003")
                .join("sales", "carol", 5).join("sales", "alice", 1).join("sales", "bob", 1);

        floor.arrive("c1", "sales");
        floor.advance(10);
        floor.advance(10);
        floor.advance(10);
        assertThat(floor.offeredAgents("c1")).containsExactly("alice", "bob", "carol", "alice");

        floor.busyDevices.add("1002");
        floor.logOut("alice");
        floor.advance(10);
        assertThat(floor.offeredAgents("c1")).as("alice logged out, bob on a call: carol's tier")
                .containsExactly("alice", "bob", "carol", "alice", "carol");
    }

    @Test
    void aRoundWhoseOffersFailAtOnceStartsOverOnlyAfterTheRingTimeout() {
        floor.queue(QueueSettings.defaults("sales").withStrategy(Strategy.LONGEST_IDLE)
                .withRingTimeout(Duration.ofSeconds(10)));
        floor.logIn("alice", "1001").join("sales", "alice", 0);
        floor.arrive("c1", "sales");
        floor.fail("c1", "1001", QueueFact.OfferFailed.Cause.UNREACHABLE);
        assertThat(floor.offeredAgents("c1")).as("alice's phone is off: not called again at once")
                .containsExactly("alice");
        assertThat(floor.acd.nextDue()).contains(Floor.T0.plusSeconds(10));
        floor.advance(9);
        assertThat(floor.offeredAgents("c1")).containsExactly("alice");

        floor.logIn("bob", "1002").join("sales", "bob", 0);
        assertThat(floor.offeredAgents("c1")).as("a member not tried yet is offered at once")
                .containsExactly("alice", "bob");
        floor.fail("c1", "1002", QueueFact.OfferFailed.Cause.BUSY);
        floor.advance(9);
        assertThat(floor.offeredAgents("c1")).containsExactly("alice", "bob");
        floor.advance(1);
        assertThat(floor.offeredAgents("c1")).as("bob's offer would have rung out: a new round")
                .containsExactly("alice", "bob", "alice");
        floor.advance(10);
        assertThat(floor.offeredAgents("c1")).as("alice rang out; bob, free, is next at once")
                .containsExactly("alice", "bob", "alice", "bob");
    }

    @Test
    void aCallerWaitingForANewRoundWithNobodyToOfferIsNotReviewedAgainAndAgain() {
        floor.queue(QueueSettings.defaults("sales").withRingTimeout(Duration.ofSeconds(10)));
        floor.logIn("alice", "1001").join("sales", "alice", 0);
        floor.arrive("c1", "sales");
        floor.fail("c1", "1001", QueueFact.OfferFailed.Cause.DECLINED);
        floor.logOut("alice");
        floor.advance(10);

        assertThat(floor.acd.nextDue()).as("nothing is due until an agent comes").isEmpty();
        floor.logIn("alice", "1001");
        floor.review();
        assertThat(floor.offeredAgents("c1")).containsExactly("alice", "alice");
    }

    @Test
    void theCallerWhoWaitedLongestIsServedFirstAcrossQueues() {
        floor.queue(QueueSettings.defaults("sales")).queue(QueueSettings.defaults("support"));
        floor.logIn("alice", "1001").join("sales", "alice", 0).join("support", "alice", 0);
        floor.busyDevices.add("1001");
        floor.arrive("s1", "support");
        floor.advance(5);
        floor.arrive("a1", "sales");
        assertThat(floor.offeredDevices()).as("alice is on a call").isEmpty();

        floor.busyDevices.remove("1001");
        floor.review();
        assertThat(floor.offeredAgents("s1")).containsExactly("alice");
        assertThat(floor.offeredAgents("a1")).as("alice takes one call at a time").isEmpty();
    }

    @Test
    void huntPicksOnlyFromTheLowestTierOfTheCandidates() {
        java.time.Instant t = Floor.T0;
        List<Hunt.Candidate> candidates = List.of(new Hunt.Candidate("a", 2, 0, t, 0),
                new Hunt.Candidate("b", 1, 1, t.plusSeconds(5), 3), new Hunt.Candidate("c", 1, 2, t, 4));
        assertThat(Hunt.choose(Strategy.RING_ALL, candidates, Set.of(), -1)).extracting(Hunt.Candidate::agentId)
                .containsExactly("b", "c");
        assertThat(Hunt.choose(Strategy.LONGEST_IDLE, candidates, Set.of(), -1)).extracting(Hunt.Candidate::agentId)
                .containsExactly("c");
        assertThat(Hunt.choose(Strategy.FEWEST_CALLS, candidates, Set.of(), -1)).extracting(Hunt.Candidate::agentId)
                .containsExactly("b");
        assertThat(Hunt.choose(Strategy.ROUND_ROBIN, candidates, Set.of(), 1)).extracting(Hunt.Candidate::agentId)
                .containsExactly("c");
        assertThat(Hunt.choose(Strategy.ROUND_ROBIN, candidates, Set.of(), 2)).extracting(Hunt.Candidate::agentId)
                .containsExactly("b");
        assertThat(Hunt.choose(Strategy.ROUND_ROBIN, List.of(), Set.of(), 2)).isEmpty();
        assertThat(Hunt.choose(Strategy.RING_ALL, candidates, Set.of("b"), -1))
                .as("a ring-all round rings the whole tier").extracting(Hunt.Candidate::agentId).containsExactly("b", "c");
        assertThat(Hunt.choose(Strategy.LONGEST_IDLE, candidates, Set.of("b", "c"), -1))
                .as("the tier tried, the next").extracting(Hunt.Candidate::agentId).containsExactly("a");
        assertThat(Hunt.choose(Strategy.LONGEST_IDLE, candidates, Set.of("a", "b", "c"), -1)).isEmpty();
    }
}
