package io.ramal.cti.core;

import io.ramal.cti.CallState;
import io.ramal.cti.CampaignFields;
import io.ramal.cti.ConnectionState;
import io.ramal.cti.Direction;
import io.ramal.cti.Endpoint;
import io.ramal.cti.RecordingState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The mutable state of one call inside the core; {@link Snapshots} gives its public face. */
final class LiveCall {
    final String id;
    final Direction direction;
    final Endpoint caller;
    final Optional<String> callerName;
    final String dialled;
    final Optional<String> dialledName;
    final Instant createdAt;
    final Optional<String> consultationOf;
    /** Every party not yet cleared, visible or not, in joining order. */
    final List<LiveParty> parties = new ArrayList<>();
    /** Live legs by id. */
    final Map<String, LiveParty> legs = new HashMap<>();
    /** Legs that ended or were dropped; late facts about them are absorbed. */
    final Set<String> retiredLegs = new HashSet<>();
    Optional<Instant> answeredAt = Optional.empty();
    boolean conference;
    boolean failed;
    RecordingState recording = RecordingState.OFF;
    Optional<String> recordingId = Optional.empty();
    /** The queue that offered the call to a device last. */
    Optional<String> queue = Optional.empty();
    CampaignFields campaign = CampaignFields.NONE;
    long version;

    LiveCall(String id, Direction direction, Endpoint caller, Optional<String> callerName, String dialled,
            Optional<String> dialledName, Instant createdAt, Optional<String> consultationOf) {
        this.id = id;
        this.direction = direction;
        this.caller = caller;
        this.callerName = callerName;
        this.dialled = dialled;
        this.dialledName = dialledName;
        this.createdAt = createdAt;
        this.consultationOf = consultationOf;
    }

    List<LiveParty> visibleParties() {
        return parties.stream().filter(p -> p.state.visible()).toList();
    }

    boolean hasVisibleParties() {
        return parties.stream().anyMatch(p -> p.state.visible());
    }

    /** True if someone other than {@code party} is in the conversation (someone to hold, transfer, talk to). */
    boolean hasPeer(LiveParty party) {
        return parties.stream().anyMatch(p -> p != party && p.inConversation());
    }

    /** The state of the call as a whole, derived from its parties. */
    CallState state() {
        List<LiveParty> visible = visibleParties();
        if (visible.isEmpty()) {
            return CallState.CLEARED;
        }
        if (answeredAt.isPresent()) {
            boolean holding = visible.stream().anyMatch(p -> p.state == ConnectionState.HELD);
            return holding ? CallState.HELD : CallState.CONNECTED;
        }
        if (visible.stream().anyMatch(p -> p.state == ConnectionState.ALERTING)) {
            return CallState.ALERTING;
        }
        if (failed || visible.stream().anyMatch(p -> p.state == ConnectionState.FAILED)) {
            return CallState.FAILED;
        }
        return CallState.INITIATED;
    }
}
