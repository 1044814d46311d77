package io.ramal.cti.queue;

import io.ramal.cti.CampaignFields;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the distributor keeps of a caller in a queue: how it arrived, the offers ringing for it now (by
 * agent), the members tried in this round, when the offers ring out (and a new round may start), when it
 * is next told its place, and how many offers were made. Mutable; the distributor's alone.
 */
final class WaitingCaller {
    final QueueFact.CallerArrived arrival;
    final Map<String, QueueCaller.Ringing> offers = new LinkedHashMap<>();
    final Set<String> tried = new HashSet<>();
    Instant offersUntil;
    /**
     * When the next round may start, while it waits for that: every member was tried, but the round's
     * last offer failed before its ring timeout (a busy, declining or unreachable phone is not called again
     * at once).
     */
    Optional<Instant> nextRound = Optional.empty();
    Optional<Instant> nextAnnouncement = Optional.empty();
    int attempts;
    /** The campaign fields: those it arrived with, or attached to its call since. */
    CampaignFields campaign;

    WaitingCaller(QueueFact.CallerArrived arrival) {
        this.arrival = arrival;
        this.campaign = arrival.campaign();
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

    /** The offer ringing {@code device}, if any. */
    Optional<QueueCaller.Ringing> ringing(String device) {
        return offers.values().stream().filter(r -> r.device().equals(device)).findFirst();
    }

    /** The caller as the API and events show it, at {@code position} of its queue. */
    QueueCaller view(int position, Instant now) {
        Duration waited = Duration.between(arrival.at(), now);
        return new QueueCaller(arrival.callId(), arrival.queue(), arrival.callerNumber(), arrival.callerName(),
                arrival.at(), position, waited.isNegative() ? Duration.ZERO : waited, campaign,
                List.copyOf(offers.values()));
    }
}
