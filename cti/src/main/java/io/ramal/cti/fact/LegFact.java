package io.ramal.cti.fact;

/**
 * A fact about one leg of a call: one SIP dialog (or dialog attempt) of the B2BUA towards one
 * endpoint. Several legs may serve one endpoint (forked ringing to the contacts of a device).
 */
public sealed interface LegFact extends CallFact
        permits LegAlerted, LegAnswered, LegHeld, LegRetrieved, LegReleased, LegTransferred, LegConferenced,
        DigitDetected, LegMuted, LegUnmuted {
    /**
     * The PBX's id of the leg, unique within the tenant while the call lives (legs can move between
     * calls on transfer or merge); the leg's own SIP Call-ID serves.
     */
    String legId();
}
