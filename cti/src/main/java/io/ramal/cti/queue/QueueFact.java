package io.ramal.cti.queue;

import io.ramal.cti.CampaignFields;
import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the PBX reports about the calls of the queues: a caller entered a queue, an offer was answered
 * or failed, an agent left a call, a call ended. Each names the call by the id the PBX gave the
 * caller's call (the {@code call_id} of its CTI events); {@code at} is when it happened.
 */
public sealed interface QueueFact {
    String tenant();

    String callId();

    Instant at();

    /**
     * A caller was routed to {@code queue} (it hears music now, not ringing): it waits there, or is
     * sent on at once when the queue is full or does not exist (an {@link QueueEffect.Overflow} or
     * {@link QueueEffect.Release} follows).
     */
    record CallerArrived(String tenant, String callId, String queue, String callerNumber, Optional<String> callerName,
            CampaignFields campaign, Instant at) implements QueueFact {
        public CallerArrived {
            check(tenant, callId, at);
            Identifiers.nonBlank(queue, "queue");
            Objects.requireNonNull(callerNumber, "callerNumber");
            Identifiers.nonBlank(callerName, "callerName");
            Objects.requireNonNull(campaign, "campaign");
        }
    }

    /** {@code device}, offered the caller's call by an {@link QueueEffect.Offer}, answered; the PBX connected them. */
    record OfferAnswered(String tenant, String callId, String device, Instant at) implements QueueFact {
        public OfferAnswered {
            check(tenant, callId, at);
            Identifiers.nonBlank(device, "device");
        }
    }

    /** The offer to {@code device} ended without an answer before the queue withdrew it. */
    record OfferFailed(String tenant, String callId, String device, Cause cause, Instant at) implements QueueFact {
        /** How the offer failed. */
        public enum Cause {
            /** The device answered busy. */
            BUSY,
            /** The agent declined it. */
            DECLINED,
            /** The device could not be reached (not registered, no answer from its contact). */
            UNREACHABLE,
            /** The device stopped ringing by itself before the queue's ring timeout. */
            NO_ANSWER;

            public String wire() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public OfferFailed {
            check(tenant, callId, at);
            Identifiers.nonBlank(device, "device");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * {@code device}, which answered the caller's call for the queue, left it while the call may go on:
     * its agent hung up, or transferred the caller away (the call goes on with another party). The
     * agent's handling of it is over (its wrap-up starts), as when the call ends. Reported for any
     * device leaving a queue call; one that did not answer it for the queue changes nothing.
     */
    record AgentLeft(String tenant, String callId, String device, Instant at) implements QueueFact {
        public AgentLeft {
            check(tenant, callId, at);
            Identifiers.nonBlank(device, "device");
        }
    }

    /**
     * The caller's call ended: while it waited it abandoned the queue; after an agent answered it, the
     * agent's handling of it is over (its wrap-up starts) unless it left the call before.
     */
    record CallEnded(String tenant, String callId, Instant at) implements QueueFact {
        public CallEnded {
            check(tenant, callId, at);
        }
    }

    private static void check(String tenant, String callId, Instant at) {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
    }
}
