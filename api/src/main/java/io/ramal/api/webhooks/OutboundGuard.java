package io.ramal.api.webhooks;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The SSRF guard as every outbound request of a tenant uses it — webhooks and the CRM lookup of
 * screen pops alike: {@link AddressGuard} with the tenant's webhook allow-list
 * ({@code PUT /api/v1/webhooks/allow-list}).
 */
public final class OutboundGuard {

    private final Webhooks webhooks;
    private final AddressGuard guard;

    public OutboundGuard(Webhooks webhooks, AddressGuard guard) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /** Why the tenant may not send to {@code uri}; empty when it may. */
    public Optional<String> refusal(String tenantId, URI uri) {
        return switch (guard.check(uri, webhooks.allowList(tenantId))) {
            case AddressGuard.Verdict.Allowed allowed -> Optional.empty();
            case AddressGuard.Verdict.Refused refused -> Optional.of(refused.reason());
        };
    }
}
