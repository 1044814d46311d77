package io.ramal.cti.queue;

import io.ramal.cti.CampaignFields;
import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the distributor asks the PBX to do with a queue's caller, carried out through
 * {@link QueueControl} in the order given.
 */
public sealed interface QueueEffect {
    String tenant();

    String callId();

    /**
     * Ring {@code device} (the agent's) for the caller's call, which keeps hearing music. When the device
     * answers, connect the caller to it and report {@link QueueFact.OfferAnswered}; when it fails,
     * report {@link QueueFact.OfferFailed}. The distributor withdraws the offer itself after
     * {@code ringTimeout}. The fields are what the ringing should carry for a screen pop: the queue,
     * the wait so far and the campaign fields.
     */
    record Offer(String tenant, String callId, String queue, String agentId, String username, String device,
            Duration ringTimeout, String callerNumber, Optional<String> callerName, Duration waited,
            CampaignFields campaign) implements QueueEffect {
        public Offer {
            Identifiers.nonBlank(tenant, "tenant");
            Identifiers.nonBlank(callId, "callId");
            Identifiers.nonBlank(queue, "queue");
            Identifiers.nonBlank(agentId, "agentId");
            Identifiers.nonBlank(username, "username");
            Identifiers.nonBlank(device, "device");
            Objects.requireNonNull(ringTimeout, "ringTimeout");
            Objects.requireNonNull(callerNumber, "callerNumber");
            Objects.requireNonNull(callerName, "callerName");
            Objects.requireNonNull(waited, "waited");
            Objects.requireNonNull(campaign, "campaign");
        }

        /** The {@code queue} object of a screen pop and of {@code call.delivered}: {@code {name, wait_s}}. */
        public Map<String, Object> queueJson() {
            return JsonFields.create().put("name", queue).put("wait_s", waited.toSeconds()).build();
        }
    }

    /** Stop ringing {@code device} for the caller's call (the caller goes on waiting, or has left). */
    record Withdraw(String tenant, String callId, String device, Cause cause) implements QueueEffect {
        public enum Cause {
            /** Another agent answered (ring all). */
            ANSWERED_ELSEWHERE,
            /** It rang the queue's ring timeout. */
            RING_TIMEOUT,
            /** The caller left the queue (hung up, overflowed, timed out). */
            CALLER_LEFT,
            /** The agent left or paused the queue, logged out or entered a reason that may not receive calls. */
            MEMBER_UNAVAILABLE;

            public String wire() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public Withdraw {
            Identifiers.nonBlank(tenant, "tenant");
            Identifiers.nonBlank(callId, "callId");
            Identifiers.nonBlank(device, "device");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** Why a caller is sent on without an agent. */
    enum Exit {
        /** It waited the queue's maximum. */
        MAX_WAIT,
        /** The queue had its maximum of callers when it arrived. */
        QUEUE_FULL,
        /** The queue it was routed to does not exist. */
        NO_SUCH_QUEUE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Take the caller out of the queue and route it to {@code destination}. */
    record Overflow(String tenant, String callId, String queue, OverflowTarget destination, Exit cause)
            implements QueueEffect {
        public Overflow {
            Identifiers.nonBlank(tenant, "tenant");
            Identifiers.nonBlank(callId, "callId");
            Identifiers.nonBlank(queue, "queue");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** Hang the caller up (there is nowhere to send it). */
    record Release(String tenant, String callId, String queue, Exit cause) implements QueueEffect {
        public Release {
            Identifiers.nonBlank(tenant, "tenant");
            Identifiers.nonBlank(callId, "callId");
            Identifiers.nonBlank(queue, "queue");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** Tell the caller its place: {@code position} of {@code waiting} callers, after {@code waited}. */
    record Announce(String tenant, String callId, String queue, int position, int waiting, Duration waited)
            implements QueueEffect {
        public Announce {
            Identifiers.nonBlank(tenant, "tenant");
            Identifiers.nonBlank(callId, "callId");
            Identifiers.nonBlank(queue, "queue");
            Objects.requireNonNull(waited, "waited");
        }
    }
}
