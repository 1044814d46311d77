package io.ramal.media.relay;

/** How generated digits reach a leg's phone. */
public enum DigitSignal {
    /** RFC 4733 telephone-event packets (the leg negotiated telephone-event). */
    TELEPHONE_EVENT,
    /** Dual tones inside the audio (ITU-T Q.23), for a leg without telephone-event. */
    IN_BAND
}
