package io.ramal.cti.fact;

/** A fact about one call. */
public sealed interface CallFact extends TelephonyFact
        permits CallCreated, LegCreated, LegFact, CallRedirected, RecorderFact, CampaignAttached {
    /** The PBX's id of the call, unique within the tenant while the call lives. */
    String callId();
}
