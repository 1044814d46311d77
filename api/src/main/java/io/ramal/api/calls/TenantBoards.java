package io.ramal.api.calls;

import io.ramal.cti.core.Switchboard;
import java.util.function.Function;

/**
 * Access to each tenant's CTI {@link Switchboard} on its single writer: {@code work} runs after
 * every telephony fact accepted before the call and before every fact accepted after it, so a
 * command check and the state it is checked against agree.
 */
public interface TenantBoards {
    <T> T onTenant(String tenant, Function<Switchboard, T> work);
}
