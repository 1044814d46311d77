package io.ramal.cti;

/**
 * Who put a party on hold. The phone's own hold (a re-INVITE with {@code sendonly} or {@code
 * inactive}) is taken off from the phone; a hold Ramal carries out on the party's behalf (a hold
 * command, the server playing music to the other side) is taken off by a retrieve command.
 */
public enum HoldOrigin {
    /** The device held the call itself (its hold key). */
    DEVICE,
    /** Ramal holds the media for the party, on a command. */
    SERVER
}
