package io.ramal.api.webhooks;

import java.time.Instant;
import java.util.Map;

/**
 * Fields a delivery gets when one of its attempts is rendered, not when its event is stored: what
 * must be fresh at each attempt, such as a signed recording link that expires. The event in the
 * log stays as it was; the request (URL, body template, and the default body) sees the result.
 */
@FunctionalInterface
public interface DeliveryFields {

    /** Adds nothing. */
    DeliveryFields NONE = (tenantId, event, now) -> event;

    /**
     * The event to render for an attempt made at {@code now}: {@code event} itself when nothing is
     * added, otherwise a new map (the given one must not be changed).
     */
    Map<String, Object> enrich(String tenantId, Map<String, Object> event, Instant now);
}
