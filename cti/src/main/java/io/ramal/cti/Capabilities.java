package io.ramal.cti;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The capability flags of one party at one moment: which {@link Action}s a command may ask for
 * now. Computed from the call's state and the device's abilities; a command is checked by the
 * same rules, so a flag that says yes is never refused for state or device reasons at that
 * version.
 */
public record Capabilities(Set<Action> allowed) {
    /** Nothing allowed (a cleared or external-only party). */
    public static final Capabilities NONE = new Capabilities(Set.of());

    public Capabilities {
        Objects.requireNonNull(allowed, "allowed");
        EnumSet<Action> copy = EnumSet.noneOf(Action.class);
        copy.addAll(allowed);
        allowed = Collections.unmodifiableSet(copy);
    }

    public boolean allows(Action action) {
        return allowed.contains(action);
    }

    public boolean canAnswer() {
        return allows(Action.ANSWER);
    }

    public boolean canHangup() {
        return allows(Action.HANGUP);
    }

    public boolean canHold() {
        return allows(Action.HOLD);
    }

    public boolean canRetrieve() {
        return allows(Action.RETRIEVE);
    }

    public boolean canTransfer() {
        return allows(Action.TRANSFER);
    }

    public boolean canConsult() {
        return allows(Action.CONSULT);
    }

    public boolean canCompleteTransfer() {
        return allows(Action.COMPLETE_TRANSFER);
    }

    public boolean canConference() {
        return allows(Action.CONFERENCE);
    }

    public boolean canSendDtmf() {
        return allows(Action.SEND_DTMF);
    }

    public boolean canRecord() {
        return allows(Action.RECORD);
    }

    public boolean canMute() {
        return allows(Action.MUTE);
    }

    public boolean canUnmute() {
        return allows(Action.UNMUTE);
    }

    /** Every flag, in {@link Action} order, true or false: {@code {"can_answer": false, …}}. */
    public Map<String, Object> toJson() {
        JsonFields json = JsonFields.create();
        for (Action action : Action.values()) {
            json.put(action.flag(), allows(action));
        }
        return json.build();
    }
}
