package io.ramal.cti.fact;

import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/**
 * The party on this leg sent a DTMF digit (RFC 4733 event or SIP INFO).
 *
 * @param digit one of {@code 0-9 * # A-D}
 */
public record DigitDetected(String tenant, String callId, Instant at, String legId, char digit) implements LegFact {
    public DigitDetected {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Identifiers.nonBlank(legId, "legId");
        if ("0123456789*#ABCD".indexOf(digit) < 0) {
            throw new IllegalArgumentException("not a DTMF digit: " + digit);
        }
    }
}
