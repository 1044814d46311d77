package io.ramal.api.calls;

import io.ramal.cti.core.Outcome;
import io.ramal.cti.core.Switchboard;
import io.ramal.cti.fact.TelephonyFact;
import java.util.function.Function;

/**
 * Access to each tenant's CTI {@link Switchboard} on its single writer: {@code work} runs after
 * every telephony fact accepted before the call and before every fact accepted after it, so a
 * command check and the state it is checked against agree.
 */
public interface TenantBoards {
    <T> T onTenant(String tenant, Function<Switchboard, T> work);

    /**
     * Applies a fact the API states itself (campaign fields attached to a call), decided on the tenant's
     * writer against the state then ({@code decide} may throw to refuse, changing nothing); its events are
     * stored in the tenant's log before this returns. This default only changes the switchboard (for test
     * doubles without a log).
     */
    default Outcome apply(String tenant, Function<Switchboard, TelephonyFact> decide) {
        return onTenant(tenant, board -> board.on(decide.apply(board)));
    }
}
