package io.ramal.cti.fact;

import io.ramal.cti.CampaignFields;
import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/**
 * Dialer campaign fields were attached to the call (through the API: with a click-to-call, or while
 * the call lives); {@link CampaignFields#NONE} takes them off. They replace whatever the call had.
 */
public record CampaignAttached(String tenant, String callId, Instant at, CampaignFields campaign)
        implements CallFact {
    public CampaignAttached {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(campaign, "campaign");
    }
}
