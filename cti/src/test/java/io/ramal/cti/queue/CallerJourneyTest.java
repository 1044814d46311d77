package io.ramal.cti.queue;

import io.ramal.cti.CampaignFields;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A caller's way through a queue: waiting, announcements, maximum wait, hanging up, a full queue. */
class CallerJourneyTest {
    private final Floor floor = new Floor();
    private static final OverflowTarget BACKUP = OverflowTarget.parse("queue:backup");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    @Test
    void aCallerPastTheMaximumWaitGoesToTheOverflowDestination() {
        floor.queue(QueueSettings.defaults("sales").withRingTimeout(Duration.ofSeconds(20))
                .withMaxWait(Optional.of(Duration.ofSeconds(60)), Optional.of(BACKUP)));
        floor.logIn("alice", "1001").join("sales", "alice", 0);
        floor.arrive("c1", "sales");
        assertThat(floor.acd.nextDue()).contains(Floor.T0.plusSeconds(20));

        floor.advance(20);
        floor.advance(20);
        assertThat(floor.acd.nextDue()).contains(Floor.T0.plusSeconds(60));
        QueueOutcome early = floor.advance(19);
        assertThat(early.events()).isEmpty();
        QueueOutcome due = floor.advance(1);

        assertThat(due.effects()).containsExactly(
                new QueueEffect.Withdraw("acme", "c1", "1001", QueueEffect.Withdraw.Cause.CALLER_LEFT),
                new QueueEffect.Overflow("acme", "c1", "sales", BACKUP, QueueEffect.Exit.MAX_WAIT));
        QueueEvent.CallerLeft left = (QueueEvent.CallerLeft) due.events().getFirst();
        assertThat(left.reason()).isEqualTo(LeaveReason.OVERFLOW);
        assertThat(left.caller().waited()).isEqualTo(Duration.ofSeconds(60));
        assertThat(left.data()).containsEntry("destination", "queue:backup").containsEntry("reason", "overflow");
        assertThat(floor.acd.callers("sales", floor.now())).isEmpty();
        assertThat(floor.acd.nextDue()).isEmpty();
    }

    @Test
    void withoutAnOverflowDestinationTheCallerIsReleasedAtTheMaximumWait() {
        floor.queue(QueueSettings.defaults("sales").withMaxWait(Optional.of(Duration.ofSeconds(30)), Optional.empty()));
        floor.arrive("c1", "sales");
        QueueOutcome due = floor.advance(30);

        assertThat(due.effects()).containsExactly(
                new QueueEffect.Release("acme", "c1", "sales", QueueEffect.Exit.MAX_WAIT));
        assertThat(((QueueEvent.CallerLeft) due.events().getFirst()).reason()).isEqualTo(LeaveReason.TIMEOUT);
    }

    @Test
    void aCallerWhoHangsUpAbandonsTheQueueAndItsOffersStop() {
        floor.queue(QueueSettings.defaults("sales"));
        floor.logIn("alice", "1001").logIn("bob", "1002").join("sales", "alice", 0).join("sales", "bob", 0);
        floor.arrive("c1", "sales");
        floor.advance(3);
        QueueOutcome gone = floor.end("c1");

        assertThat(Floor.only(gone.effects(), QueueEffect.Withdraw.class)).extracting(QueueEffect.Withdraw::device)
                .containsExactly("1001", "1002");
        QueueEvent.CallerLeft left = (QueueEvent.CallerLeft) gone.events().getFirst();
        assertThat(left.reason()).isEqualTo(LeaveReason.ABANDONED);
        assertThat(left.caller().waited()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aFullQueueSendsANewCallerToTheOverflowWithoutTakingItIn() {
        floor.queue(QueueSettings.defaults("sales").withMaxCallers(OptionalInt.of(1))
                .withMaxWait(Optional.empty(), Optional.of(OverflowTarget.parse("extension:1009"))));
        floor.arrive("c1", "sales");
        QueueOutcome second = floor.arrive("c2", "sales");

        assertThat(second.events()).isEmpty();
        assertThat(second.effects()).containsExactly(new QueueEffect.Overflow("acme", "c2", "sales",
                new OverflowTarget(OverflowTarget.Kind.EXTENSION, "1009"), QueueEffect.Exit.QUEUE_FULL));
        assertThat(floor.acd.callers("sales", floor.now())).extracting(QueueCaller::callId).containsExactly("c1");
    }

    @Test
    void aCallerForAQueueThatDoesNotExistIsReleased() {
        QueueOutcome outcome = floor.arrive("c1", "nowhere");
        assertThat(outcome.effects()).containsExactly(
                new QueueEffect.Release("acme", "c1", "nowhere", QueueEffect.Exit.NO_SUCH_QUEUE));
    }

    @Test
    void callersHearTheirPositionOnEntryAndEveryIntervalAndMoveUpAsOthersLeave() {
        floor.queue(QueueSettings.defaults("sales").withAnnounceEvery(Optional.of(Duration.ofSeconds(30))));
        floor.arrive("c1", "sales");
        floor.advance(10);
        floor.arrive("c2", "sales");
        floor.advance(20);
        floor.end("c1");
        floor.advance(10);

        assertThat(Floor.only(floor.effects, QueueEffect.Announce.class)).containsExactly(
                new QueueEffect.Announce("acme", "c1", "sales", 1, 1, Duration.ZERO),
                new QueueEffect.Announce("acme", "c2", "sales", 2, 2, Duration.ZERO),
                new QueueEffect.Announce("acme", "c1", "sales", 1, 2, Duration.ofSeconds(30)),
                new QueueEffect.Announce("acme", "c2", "sales", 1, 1, Duration.ofSeconds(30)));
        assertThat(floor.acd.callers("sales", floor.now())).singleElement()
                .extracting(QueueCaller::position, QueueCaller::waited).containsExactly(1, Duration.ofSeconds(30));
    }

    @Test
    void theOfferCarriesTheQueueTheWaitAndTheCampaignFieldsForTheScreenPop() {
        floor.queue(QueueSettings.defaults("sales"));
        CampaignFields campaign = new CampaignFields(Optional.of("C-77"), Optional.of("Maria"),
                Optional.of("Black Friday"),
                Optional.of("+5511999990000"), List.of(Optional.of("gold"), Optional.empty(), Optional.of("x3")));
        floor.arrive("c1", "sales", campaign);
        floor.advance(12);
        floor.logIn("alice", "1001").join("sales", "alice", 0);

        QueueEffect.Offer offer = Floor.only(floor.effects, QueueEffect.Offer.class).getFirst();
        assertThat(offer.waited()).isEqualTo(Duration.ofSeconds(12));
        assertThat(offer.queueJson()).isEqualTo(Map.of("name", "sales", "wait_s", 12L));
        assertThat(offer.campaign().toJson()).get().satisfies(json -> assertThat(json)
                .containsEntry("customer_code", "C-77").containsEntry("customer_name", "Maria")
                .containsEntry("campaign", "Black Friday").containsEntry("customer_phone", "+5511999990000")
                .containsEntry("extra_1", "gold").containsEntry("extra_2", null).containsEntry("extra_3", "x3")
                .containsEntry("extra_5", null));
        QueueEvent.Offered offered = Floor.only(floor.events, QueueEvent.Offered.class).getFirst();
        Map<String, Object> json = offered.toJson();
        assertThat(json).containsEntry("type", "queue.offered").containsEntry("call_id", "c1")
                .containsEntry("device", "1001").containsEntry("tenant", "acme").containsEntry("direction", null);
        assertThat(data(json)).containsEntry("queue", "sales").containsEntry("wait_s", 12L)
                .containsEntry("attempt", 1).containsKey("campaign");
    }

    @Test
    void campaignFieldsAttachedWhileTheCallerWaitsReachItsViewAndItsOffers() {
        floor.queue(QueueSettings.defaults("sales"));
        floor.arrive("c1", "sales");
        CampaignFields campaign = new CampaignFields(Optional.of("C-77"), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
        floor.acd.campaign("c1", campaign);
        floor.acd.campaign("nosuch", campaign);
        floor.logIn("alice", "1001").join("sales", "alice", 0);

        assertThat(floor.acd.callers("sales", floor.now())).singleElement()
                .satisfies(c -> assertThat(c.campaign()).isEqualTo(campaign));
        assertThat(Floor.only(floor.effects, QueueEffect.Offer.class).getFirst().campaign()).isEqualTo(campaign);
    }

    @Test
    void theCallerJoinedEventHasTheCallerInTheEnvelopeAndItsPlaceInData() {
        floor.queue(QueueSettings.defaults("sales"));
        floor.arrive("c1", "sales");
        Map<String, Object> json = floor.events.getFirst().toJson();

        assertThat(json).containsEntry("type", "queue.caller_joined").containsEntry("call_id", "c1")
                .containsEntry("caller_name", "Caller c1").containsEntry("device", null).containsEntry("call", null);
        assertThat(data(json)).containsEntry("position", 1).containsEntry("waiting", 1)
                .containsEntry("campaign", null).containsEntry("entered_at", "2025-03-03T09:00:00Z");
    }

    @Test
    void anAnswerForACallerThatAlreadyLeftChangesNothing() {
        floor.queue(QueueSettings.defaults("sales"));
        floor.logIn("alice", "1001").join("sales", "alice", 0);
        floor.arrive("c1", "sales");
        floor.end("c1");
        assertThat(floor.answer("c1", "1001").isEmpty()).isTrue();
    }

    @Test
    void aCallerThatArrivesTwiceIsTakenInOnce() {
        floor.queue(QueueSettings.defaults("sales"));
        floor.arrive("c1", "sales");
        assertThat(floor.arrive("c1", "sales").isEmpty()).isTrue();
        assertThat(floor.acd.callers("sales", floor.now())).hasSize(1);
    }
}
