package io.ramal.cti.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Joining, leaving, pausing and unpausing queues, and deleting them. */
class MembershipTest {
    private final Floor floor = new Floor();

    @Test
    void joiningIsStoredAndAnnouncedOnceAndJoiningAgainOnlyChangesThePriority() {
        floor.queue(QueueSettings.defaults("sales"));
        floor.logIn("alice", "1001");
        QueueOutcome joined = floor.keep(floor.acd.join("sales", "alice", "alice", 2, "carol", floor.now(),
                floor.states()));
        QueueMember member = new QueueMember("sales", "alice", "alice", 2, Floor.T0, Optional.empty());
        assertThat(joined.memberships()).containsExactly(new MembershipChange.Saved(member));
        assertThat(joined.events()).containsExactly(new QueueEvent.MemberJoined("acme", Floor.T0, member,
                Optional.of("1001"), "carol"));
        assertThat(((QueueEvent.AboutMember) joined.events().getFirst()).data()).containsEntry("by", "carol")
                .containsEntry("priority", 2).containsEntry("paused", false);

        floor.clock.advance(Duration.ofSeconds(5));
        QueueOutcome again = floor.acd.join("sales", "alice", "alice", 0, "carol", floor.now(), floor.states());
        assertThat(again.events()).isEmpty();
        assertThat(again.memberships()).containsExactly(new MembershipChange.Saved(new QueueMember("sales", "alice",
                "alice", 0, Floor.T0, Optional.empty())));
        assertThat(floor.acd.join("sales", "alice", "alice", 0, "carol", floor.now(), floor.states()).isEmpty())
                .isTrue();
    }

    @Test
    void pausingTwiceWithTheSameReasonChangesNothingAndAnotherReasonIsANewPause() {
        floor.queue(QueueSettings.defaults("sales")).join("sales", "alice", 0);
        QueueOutcome first = floor.acd.pause("sales", "alice", Optional.of("coffee"), "alice", floor.now(),
                floor.states());
        assertThat(first.events()).extracting(QueueEvent::type).containsExactly("queue.member_paused");
        assertThat(((QueueEvent.AboutMember) first.events().getFirst()).data()).containsEntry("pause_reason", "coffee")
                .containsEntry("paused", true);
        assertThat(first.events().getFirst().toJson()).as("alice is not logged in").containsEntry("device", null);
        assertThat(floor.acd.pause("sales", "alice", Optional.of("coffee"), "alice", floor.now(), floor.states())
                .isEmpty()).isTrue();
        floor.clock.advance(Duration.ofSeconds(9));
        QueueOutcome other = floor.acd.pause("sales", "alice", Optional.empty(), "alice", floor.now(), floor.states());
        assertThat(other.memberships()).containsExactly(new MembershipChange.Saved(new QueueMember("sales", "alice",
                "alice", 0, Floor.T0, Optional.of(new QueueMember.Pause(Optional.empty(), Floor.T0.plusSeconds(9))))));

        assertThat(floor.acd.unpause("sales", "alice", "alice", floor.now(), floor.states()).events())
                .extracting(QueueEvent::type).containsExactly("queue.member_unpaused");
        assertThat(floor.acd.unpause("sales", "alice", "alice", floor.now(), floor.states()).isEmpty()).isTrue();
    }

    @Test
    void commandsOnAnUnknownQueueOrForANonMemberAreRefused() {
        floor.queue(QueueSettings.defaults("sales"));
        assertThat(floor.acd.join("nope", "alice", "alice", 0, "alice", floor.now(), floor.states()).refusal())
                .map(QueueRefusal::code).contains(QueueRefusal.Code.QUEUE_NOT_FOUND);
        assertThat(floor.acd.leave("sales", "alice", "alice", floor.now(), floor.states()).refusal())
                .map(QueueRefusal::code).contains(QueueRefusal.Code.NOT_A_MEMBER);
        assertThat(floor.acd.pause("sales", "alice", Optional.empty(), "alice", floor.now(), floor.states()).refusal())
                .map(QueueRefusal::code).contains(QueueRefusal.Code.NOT_A_MEMBER);
        assertThat(floor.acd.unpause("sales", "alice", "alice", floor.now(), floor.states()).refusal())
                .map(QueueRefusal::code).contains(QueueRefusal.Code.NOT_A_MEMBER);
    }

    @Test
    void aQueueWithCallersWaitingIsNotDeletedAndAnEmptyOneTakesItsMembersWithIt() {
        floor.queue(QueueSettings.defaults("sales")).join("sales", "alice", 0).join("sales", "bob", 3);
        floor.arrive("c1", "sales");
        assertThat(floor.acd.remove("sales", "admin", floor.now(), floor.states()).refusal()).map(QueueRefusal::code)
                .contains(QueueRefusal.Code.QUEUE_NOT_EMPTY);

        floor.end("c1");
        QueueOutcome removed = floor.acd.remove("sales", "admin", floor.now(), floor.states());
        assertThat(removed.memberships()).containsExactly(new MembershipChange.Removed("sales", "alice"),
                new MembershipChange.Removed("sales", "bob"));
        assertThat(Floor.only(removed.events(), QueueEvent.MemberLeft.class)).extracting(QueueEvent.MemberLeft::cause)
                .containsOnly(QueueEvent.MemberLeft.LeftCause.QUEUE_DELETED);
        assertThat(floor.acd.queues()).isEmpty();
        assertThat(floor.acd.memberships("alice")).isEmpty();
    }

    @Test
    void restoredMembershipsKeepTheirJoinOrderForRoundRobin() {
        floor.acd.restore(QueueSettings.defaults("sales").withStrategy(Strategy.ROUND_ROBIN), List.of(
                new QueueMember("sales", "bob", "bob", 0, Floor.T0.plusSeconds(2), Optional.empty()),
                new QueueMember("sales", "alice", "alice", 0, Floor.T0.plusSeconds(1), Optional.empty()),
                new QueueMember("sales", "carol", "carol", 0, Floor.T0.plusSeconds(3),
                        Optional.of(new QueueMember.Pause(Optional.of("training"), Floor.T0)))));
        assertThat(floor.acd.members("sales")).extracting(QueueMember::agentId).containsExactly("alice", "bob",
                "carol");
        floor.logIn("alice", "1001").logIn("bob", "1002").logIn("carol", "1003");
        floor.arrive("c1", "sales");
        floor.fail("c1", "1001", QueueFact.OfferFailed.Cause.BUSY);
        assertThat(floor.offeredAgents("c1")).as("carol is paused in the queue").containsExactly("alice", "bob");
        assertThat(floor.acd.memberships("carol")).singleElement().extracting(QueueMember::paused).isEqualTo(true);
    }
}
