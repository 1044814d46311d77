package io.ramal.cti.queue;

import io.ramal.cti.CampaignFields;
import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A caller waiting in a queue, as it is now: its place (1 is next), how long it has waited, the
 * campaign fields it came with, and the agents its call is being offered to.
 */
public record QueueCaller(
        String callId,
        String queue,
        String callerNumber,
        Optional<String> callerName,
        Instant enteredAt,
        int position,
        Duration waited,
        CampaignFields campaign,
        List<Ringing> offeredTo) {

    /** An agent whose device rings for this caller. */
    public record Ringing(String agentId, String username, String device) {
        public Ringing {
            Identifiers.nonBlank(agentId, "agentId");
            Identifiers.nonBlank(username, "username");
            Identifiers.nonBlank(device, "device");
        }

        public Map<String, Object> toJson() {
            return JsonFields.create().put("agent_id", agentId).put("username", username).put("device", device).build();
        }
    }

    public QueueCaller {
        Identifiers.nonBlank(callId, "callId");
        Identifiers.nonBlank(queue, "queue");
        Objects.requireNonNull(callerNumber, "callerNumber");
        Identifiers.nonBlank(callerName, "callerName");
        Objects.requireNonNull(enteredAt, "enteredAt");
        if (position < 1) {
            throw new IllegalArgumentException("position starts at 1: " + position);
        }
        Objects.requireNonNull(waited, "waited");
        Objects.requireNonNull(campaign, "campaign");
        offeredTo = List.copyOf(offeredTo);
    }

    /**
     * {@code {call_id, queue, caller_number, caller_name, entered_at, position, wait_s, campaign,
     * offered_to}}; {@code wait_s} in whole seconds, {@code campaign} null without campaign fields.
     */
    public Map<String, Object> toJson() {
        List<Object> ringing = new ArrayList<>();
        offeredTo.forEach(r -> ringing.add(r.toJson()));
        return JsonFields.create()
                .put("call_id", callId)
                .put("queue", queue)
                .put("caller_number", callerNumber)
                .put("caller_name", callerName)
                .put("entered_at", enteredAt)
                .put("position", position)
                .put("wait_s", waited.toSeconds())
                .put("campaign", campaign.toJson())
                .put("offered_to", List.copyOf(ringing))
                .build();
    }
}
