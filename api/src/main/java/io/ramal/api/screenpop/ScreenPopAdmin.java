package io.ramal.api.screenpop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.store.CrmLookup;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The REST admin of a tenant's CRM lookup under {@value #BASE}: read, set (checked by the SSRF
 * guard, like a webhook URL), remove, and try it out with a number. Needs
 * {@link Permission#WEBHOOKS_ADMIN} (admins, or API keys with {@code webhooks:admin}); sees only
 * the caller's tenant.
 */
public final class ScreenPopAdmin {

    static final String BASE = "/api/v1/screen-pop/lookup";

    private final ScreenPops pops;
    private final BearerAuthentication authentication;

    public ScreenPopAdmin(ScreenPops pops, BearerAuthentication authentication) {
        this.pops = Objects.requireNonNull(pops, "pops");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(BASE, this::show);
        routes.put(BASE, this::replace);
        routes.delete(BASE, this::remove);
        routes.post(BASE + "/test", this::test);
    }

    private void show(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.WEBHOOKS_ADMIN);
        CrmLookup stored = pops.lookups().find(caller.tenantId()).orElseThrow(ScreenPopAdmin::notFound);
        Json.write(ctx, 200, view(stored));
    }

    private void replace(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.WEBHOOKS_ADMIN);
        CrmLookupSettings settings = CrmLookupSettings.fromJson(Json.readObject(ctx));
        requireAllowed(caller.tenantId(), settings);
        Instant now = pops.clock().instant();
        pops.lookups().put(settings.toStored(caller.tenantId(), now));
        pops.contacts().forget(caller.tenantId());
        Json.write(ctx, 200, settings.toJson(now));
    }

    private void remove(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.WEBHOOKS_ADMIN);
        if (!pops.lookups().delete(caller.tenantId())) {
            throw notFound();
        }
        pops.contacts().forget(caller.tenantId());
        ctx.status(204);
    }

    /**
     * Asks the CRM now as a pop would, for {@code caller_number} (and the optional
     * {@code extension}), with the saved lookup — switched off or not — and shows what the pop
     * would carry. The answer is not cached.
     */
    private void test(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.WEBHOOKS_ADMIN);
        ObjectNode body = Json.readObject(ctx);
        JsonNode number = body.get("caller_number");
        if (number == null || !number.isTextual() || number.asText().isBlank()) {
            throw new ApiException(400, CrmLookupSettings.INVALID, "caller_number is required: the number to look up");
        }
        String extension = body.path("extension").asText("");
        CrmLookup stored = pops.lookups().find(caller.tenantId()).orElseThrow(ScreenPopAdmin::notFound);
        CrmLookupSettings settings = settings(stored);
        CrmLookupSettings uncached = new CrmLookupSettings(settings.url(), settings.headers(), settings.timeout(),
                Duration.ZERO, true);
        PopDraft draft = new PopDraft("test", extension, Optional.empty(), "inbound", number.asText().strip(),
                Optional.empty(), extension, Optional.empty(), Optional.empty(), Optional.empty(), 0);
        Lookup lookup;
        try {
            lookup = pops.contacts().lookup(caller.tenantId(), uncached, draft);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "unavailable", "the server is stopping");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("url", rendered(settings, caller.tenantId(), draft));
        answer.put("contact", lookup.contact().orElse(null));
        answer.put("lookup", lookup.toJson());
        Json.write(ctx, 200, answer);
    }

    private static String rendered(CrmLookupSettings settings, String tenant, PopDraft draft) {
        try {
            return settings.url().render(draft.asEvent(tenant)).toString();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private void requireAllowed(String tenantId, CrmLookupSettings settings) {
        URI sample = settings.url().sample();
        pops.guard().refusal(tenantId, sample).ifPresent(reason -> {
            throw new ApiException(400, "url_not_allowed", reason);
        });
    }

    private static Map<String, Object> view(CrmLookup stored) {
        return settings(stored).toJson(stored.updatedAt());
    }

    private static CrmLookupSettings settings(CrmLookup stored) {
        try {
            return CrmLookupSettings.from(stored);
        } catch (IllegalArgumentException e) {
            throw new ApiException(500, "lookup_damaged", "the stored CRM lookup is unreadable: " + e.getMessage());
        }
    }

    private static ApiException notFound() {
        return new ApiException(404, "lookup_not_found", "this tenant has no CRM lookup; set one with PUT " + BASE);
    }
}
