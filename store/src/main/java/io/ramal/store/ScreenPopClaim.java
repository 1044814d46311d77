package io.ramal.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The claim that one agent gets one screen pop for one call: made when the call first rang the
 * agent, popped once the pop event is in the event log.
 *
 * @param agent        the user's id, or {@code extension:<number>} for an extension no user is bound to
 * @param deliveredSeq the seq of the {@code call.delivered} event that made the claim
 * @param draft        JSON text of the pop's fields known when the call rang (the API layer's form)
 * @param poppedSeq    the seq of the {@code screen_pop} event, once popped
 */
public record ScreenPopClaim(
        String tenantId,
        String callId,
        String agent,
        long deliveredSeq,
        String draft,
        ScreenPopState state,
        Instant createdAt,
        Optional<String> leaseOwner,
        Optional<Instant> leaseUntil,
        Optional<Long> poppedSeq,
        Optional<Instant> finishedAt) {

    public ScreenPopClaim {
        Text.requireNonBlank(tenantId, "tenantId");
        Text.requireNonBlank(callId, "callId");
        Text.requireNonBlank(agent, "agent");
        Text.requireNonBlank(draft, "draft");
        Objects.requireNonNull(state, "state");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(leaseOwner, "leaseOwner");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Objects.requireNonNull(poppedSeq, "poppedSeq");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** A new claim, pending its pop. */
    public static ScreenPopClaim pending(String tenantId, String callId, String agent, long deliveredSeq, String draft,
            Instant createdAt) {
        return new ScreenPopClaim(tenantId, callId, agent, deliveredSeq, draft, ScreenPopState.PENDING, createdAt,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
