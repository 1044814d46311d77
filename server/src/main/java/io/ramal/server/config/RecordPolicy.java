package io.ramal.server.config;

import java.util.Locale;

/**
 * {@code record:} of a tenant or an extension: whether its calls are recorded without anyone
 * asking. An extension without one follows its tenant; on a call, {@code never} of any party
 * beats {@code always} of another.
 */
public enum RecordPolicy {
    /** Every answered call is recorded from the answer on. */
    ALWAYS,
    /** Never recorded, and a request to record is refused. */
    NEVER,
    /** Recorded when the API asks. */
    ON_DEMAND;

    /** The config spelling: {@code always}, {@code never}, {@code on_demand}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RecordPolicy fromConfigName(String text) {
        for (RecordPolicy policy : values()) {
            if (policy.configName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return policy;
            }
        }
        throw new IllegalArgumentException("must be always, never or on_demand, got '" + text + "'");
    }
}
