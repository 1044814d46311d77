package io.ramal.cti;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A call at one version: who placed it, what was dialled, its state, its visible parties with
 * their capability flags, and a {@code version} that grows by one with every change a client can
 * see. A command may carry the version it was decided on; a different current version refuses
 * it with {@code version_mismatch}.
 *
 * @param callId the PBX's call id, unique within the tenant
 * @param direction internal, inbound or outbound
 * @param state the derived call state
 * @param caller the endpoint that placed the call
 * @param callerName the caller's display name, if known
 * @param calleeNumber the number as dialled (for a DID call, the DID)
 * @param calleeName the name of what was dialled, if known
 * @param createdAt when the PBX created the call
 * @param answeredAt when a called party first answered
 * @param conference true once parties were joined into a conference
 * @param recording whether the call is being recorded
 * @param recordingId the current recording, while there is one
 * @param consultationOf for a consultation call, the call it consults from
 * @param queue the queue that offered the call to a device last, if a queue did
 * @param campaign the dialer campaign fields attached to the call ({@link CampaignFields#NONE}: none)
 * @param version the change counter, from 1
 * @param parties the visible connections, in the order they joined
 */
public record CallSnapshot(
        String callId, Direction direction, CallState state, Endpoint caller, Optional<String> callerName,
        String calleeNumber, Optional<String> calleeName, Instant createdAt, Optional<Instant> answeredAt,
        boolean conference, RecordingState recording, Optional<String> recordingId, Optional<String> consultationOf,
        Optional<String> queue, CampaignFields campaign, long version, List<PartySnapshot> parties) {
    /** A call no queue offered and without campaign fields. */
    public CallSnapshot(String callId, Direction direction, CallState state, Endpoint caller,
            Optional<String> callerName, String calleeNumber, Optional<String> calleeName, Instant createdAt,
            Optional<Instant> answeredAt, boolean conference, RecordingState recording, Optional<String> recordingId,
            Optional<String> consultationOf, long version, List<PartySnapshot> parties) {
        this(callId, direction, state, caller, callerName, calleeNumber, calleeName, createdAt, answeredAt, conference,
                recording, recordingId, consultationOf, Optional.empty(), CampaignFields.NONE, version, parties);
    }

    public CallSnapshot {
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(caller, "caller");
        Identifiers.nonBlank(callerName, "callerName");
        Identifiers.nonBlank(calleeNumber, "calleeNumber");
        Identifiers.nonBlank(calleeName, "calleeName");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(answeredAt, "answeredAt");
        Objects.requireNonNull(recording, "recording");
        Identifiers.nonBlank(recordingId, "recordingId");
        Identifiers.nonBlank(consultationOf, "consultationOf");
        Identifiers.nonBlank(queue, "queue");
        Objects.requireNonNull(campaign, "campaign");
        parties = List.copyOf(parties);
    }

    /** The caller's number (a device number or an external number). */
    public String callerNumber() {
        return caller.number();
    }

    /** The first visible party on {@code device}, if any. */
    public Optional<PartySnapshot> party(String device) {
        return parties.stream().filter(p -> p.device().equals(device)).findFirst();
    }

    public Map<String, Object> toJson() {
        List<Object> partyJson = new ArrayList<>(parties.size());
        parties.forEach(p -> partyJson.add(p.toJson()));
        return JsonFields.create()
                .put("call_id", callId)
                .put("direction", direction.wire())
                .put("state", state.wire())
                .put("caller_number", caller.number())
                .put("caller_name", callerName)
                .put("callee_number", calleeNumber)
                .put("callee_name", calleeName)
                .put("created_at", createdAt)
                .put("answered_at", answeredAt)
                .put("conference", conference)
                .put("recording", recording.wire())
                .put("recording_id", recordingId)
                .put("consultation_of", consultationOf)
                .put("queue", queue)
                .put("campaign", campaign.toJson())
                .put("version", version)
                .put("parties", List.copyOf(partyJson))
                .build();
    }
}
