package io.ramal.cti.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which members may be offered a call now: pauses, agent reasons, calls, wrap-up and sessions. */
class AvailabilityTest {
    private final Floor floor = new Floor();

    @BeforeEach
    void twoAgents() {
        floor.queue(QueueSettings.defaults("sales").withStrategy(Strategy.RING_ALL)
                .withWrapUp(Duration.ofSeconds(30)));
        floor.logIn("alice", "1001").logIn("bob", "1002").join("sales", "alice", 0).join("sales", "bob", 0);
    }

    private MemberStatus status(String agent) {
        return floor.acd.status(floor.acd.member("sales", agent).orElseThrow(), floor.now(), floor.states());
    }

    @Test
    void aMemberPausedInTheQueueIsSkippedUntilUnpaused() {
        floor.keep(floor.acd.pause("sales", "alice", Optional.of("coffee"), "alice", floor.now(), floor.states()));
        floor.arrive("c1", "sales");
        assertThat(floor.ringing("c1")).containsExactly("1002");
        assertThat(status("alice")).isEqualTo(MemberStatus.PAUSED);

        QueueOutcome unpaused = floor.keep(floor.acd.unpause("sales", "alice", "alice", floor.now(), floor.states()));
        assertThat(Floor.only(unpaused.effects(), QueueEffect.Offer.class)).as("c1 is offered already").isEmpty();
        floor.advance(15);
        assertThat(floor.ringing("c1")).as("the next round rings her too").containsExactly("1001", "1002");
    }

    @Test
    void pausingInTheQueueWhileRingingWithdrawsTheOffer() {
        floor.arrive("c1", "sales");
        QueueOutcome paused = floor.keep(floor.acd.pause("sales", "bob", Optional.empty(), "carol", floor.now(),
                floor.states()));

        assertThat(Floor.only(paused.effects(), QueueEffect.Withdraw.class)).singleElement()
                .extracting(QueueEffect.Withdraw::device, QueueEffect.Withdraw::cause)
                .containsExactly("1002", QueueEffect.Withdraw.Cause.MEMBER_UNAVAILABLE);
        QueueEvent.MemberPaused event = Floor.only(paused.events(), QueueEvent.MemberPaused.class).getFirst();
        assertThat(event.by()).isEqualTo("carol");
        assertThat(event.device()).contains("1002");
        assertThat(floor.ringing("c1")).containsExactly("1001");
    }

    @Test
    void anAgentInAReasonThatMayNotReceiveCallsIsSkippedAndOneThatMayIsOffered() {
        floor.pauseAgent("alice", Floor.LUNCH);
        floor.pauseAgent("bob", Floor.BACK_OFFICE);
        floor.arrive("c1", "sales");

        assertThat(floor.ringing("c1")).as("back office may receive calls, lunch may not").containsExactly("1002");
        assertThat(status("alice")).isEqualTo(MemberStatus.AGENT_PAUSED);
        assertThat(status("bob")).isEqualTo(MemberStatus.RINGING);
    }

    @Test
    void anOfferIsWithdrawnWhenTheAgentEntersAReasonThatMayNotReceiveCalls() {
        floor.arrive("c1", "sales");
        floor.pauseAgent("bob", Floor.LUNCH);
        QueueOutcome review = floor.review();

        assertThat(Floor.only(review.effects(), QueueEffect.Withdraw.class)).singleElement()
                .extracting(QueueEffect.Withdraw::device, QueueEffect.Withdraw::cause)
                .containsExactly("1002", QueueEffect.Withdraw.Cause.MEMBER_UNAVAILABLE);
        assertThat(floor.ringing("c1")).containsExactly("1001");
    }

    @Test
    void agentsOnACallOrLoggedOutAreSkipped() {
        floor.busyDevices.add("1001");
        floor.logOut("bob");
        floor.arrive("c1", "sales");
        assertThat(floor.ringing("c1")).isEmpty();
        assertThat(status("alice")).isEqualTo(MemberStatus.IN_CALL);
        assertThat(status("bob")).isEqualTo(MemberStatus.LOGGED_OUT);

        floor.busyDevices.remove("1001");
        floor.review();
        assertThat(floor.ringing("c1")).containsExactly("1001");
        floor.logIn("bob", "1002");
        floor.advance(15);
        assertThat(floor.ringing("c1")).containsExactly("1001", "1002");
    }

    @Test
    void wrapUpKeepsQueueCallsFromTheAgentUntilItEnds() {
        floor.arrive("c1", "sales");
        floor.answer("c1", "1001");
        floor.advance(40);
        floor.end("c1", "1001");
        assertThat(status("alice")).isEqualTo(MemberStatus.WRAP_UP);
        assertThat(floor.acd.nextDue()).contains(floor.now().plusSeconds(30));

        floor.arrive("c2", "sales");
        assertThat(floor.ringing("c2")).as("alice wraps up").containsExactly("1002");
        floor.answer("c2", "1002");
        floor.arrive("c3", "sales");
        floor.advance(29);
        assertThat(floor.ringing("c3")).isEmpty();
        floor.advance(1);
        assertThat(floor.ringing("c3")).containsExactly("1001");
        assertThat(status("alice")).isEqualTo(MemberStatus.RINGING);
    }

    @Test
    void anAgentWhoTransfersTheCallerAwayWrapsUpFromThenNotFromTheEndOfTheCall() {
        floor.logOut("bob");
        floor.arrive("c1", "sales");
        floor.answer("c1", "1001");
        floor.advance(20);
        floor.busyDevices.add("1009"); // the transfer target answers; the call goes on there
        floor.leave("c1", "1001");
        floor.leave("c1", "1002"); // not the device that answered: changes nothing
        assertThat(status("alice")).isEqualTo(MemberStatus.WRAP_UP);

        floor.arrive("c2", "sales");
        floor.advance(29);
        assertThat(floor.ringing("c2")).isEmpty();
        floor.advance(1);
        assertThat(floor.ringing("c2")).as("30 s after she left c1, which goes on").containsExactly("1001");
        floor.end("c1", "1009");
        assertThat(floor.ringing("c2")).containsExactly("1001");
        // the handling time (answer to transfer) is the store's: QueueStatisticsTest
    }

    @Test
    void wrapUpOfOneQueueKeepsTheAgentFromEveryQueue() {
        floor.queue(QueueSettings.defaults("support"));
        floor.join("support", "alice", 0);
        floor.logOut("bob");
        floor.arrive("c1", "sales");
        floor.answer("c1", "1001");
        floor.end("c1", "1001");
        floor.arrive("s1", "support");

        assertThat(floor.ringing("s1")).isEmpty();
        floor.advance(30);
        assertThat(floor.ringing("s1")).containsExactly("1001");
    }

    @Test
    void aFailedOfferGoesToTheNextAgentAtOnce() {
        floor.queue(QueueSettings.defaults("sales").withStrategy(Strategy.ROUND_ROBIN));
        floor.arrive("c1", "sales");
        assertThat(floor.ringing("c1")).containsExactly("1001");
        floor.fail("c1", "1001", QueueFact.OfferFailed.Cause.DECLINED);
        assertThat(floor.ringing("c1")).containsExactly("1002");
        floor.fail("c1", "1002", QueueFact.OfferFailed.Cause.UNREACHABLE);
        assertThat(floor.ringing("c1")).as("everybody was tried, at once: no new round yet").isEmpty();
        floor.advance(15);
        assertThat(floor.ringing("c1")).as("the ring timeout of the last offer is over: a new round")
                .containsExactly("1001");
    }

    @Test
    void aMemberWhoLeavesStopsRingingAndIsNoLongerOffered() {
        floor.arrive("c1", "sales");
        QueueOutcome left = floor.keep(floor.acd.leave("sales", "alice", "alice", floor.now(), floor.states()));

        assertThat(Floor.only(left.effects(), QueueEffect.Withdraw.class)).extracting(QueueEffect.Withdraw::device)
                .containsExactly("1001");
        assertThat(left.memberships()).containsExactly(new MembershipChange.Removed("sales", "alice"));
        assertThat(Floor.only(left.events(), QueueEvent.MemberLeft.class).getFirst().cause())
                .isEqualTo(QueueEvent.MemberLeft.LeftCause.REQUESTED);
        floor.advance(15);
        assertThat(floor.ringing("c1")).containsExactly("1002");
    }

    @Test
    void aMemberStatusIsReadyWhenItWouldTakeTheNextCall() {
        assertThat(status("alice")).isEqualTo(MemberStatus.READY);
        assertThat(floor.acd.live("sales", floor.now(), floor.states()).orElseThrow().ready()).isEqualTo(2);
    }
}
