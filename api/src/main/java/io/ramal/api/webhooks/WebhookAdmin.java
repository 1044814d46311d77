package io.ramal.api.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.store.WebhookAttempt;
import io.ramal.store.WebhookDelivery;
import io.ramal.store.WebhookDeliveryState;
import io.ramal.store.WebhookSubscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The REST admin of a tenant's webhooks under {@code /api/v1/webhooks}: subscriptions (CRUD,
 * secret rotation), their delivery log, replay, dead letters and the SSRF allow-list. Every
 * handler needs {@link Permission#WEBHOOKS_ADMIN} and sees only the caller's tenant; another tenant's
 * subscription answers 404 as if it did not exist. Errors are {@link ApiException}s.
 */
public final class WebhookAdmin {

    static final String BASE = "/api/v1/webhooks";
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final Webhooks webhooks;
    private final AddressGuard guard;
    private final Runnable wake;
    private final BearerAuthentication authentication;

    /**
     * @param wake called after a replay queued deliveries ({@link WebhookDispatcher#wake()})
     * @param authentication who is calling ({@link Permission#WEBHOOKS_ADMIN} is required)
     */
    public WebhookAdmin(Webhooks webhooks, AddressGuard guard, Runnable wake, BearerAuthentication authentication) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.wake = Objects.requireNonNull(wake, "wake");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
    }

    public void addTo(RoutesConfig routes) {
        // fixed paths before /{id}, which would match them too
        routes.get(BASE, this::list);
        routes.post(BASE, this::create);
        routes.get(BASE + "/dead-letters", this::deadLetters);
        routes.get(BASE + "/allow-list", this::allowList);
        routes.put(BASE + "/allow-list", this::replaceAllowList);
        routes.get(BASE + "/{id}", this::show);
        routes.patch(BASE + "/{id}", this::update);
        routes.delete(BASE + "/{id}", this::delete);
        routes.post(BASE + "/{id}/rotate-secret", this::rotateSecret);
        routes.get(BASE + "/{id}/deliveries", this::deliveries);
        routes.get(BASE + "/{id}/deliveries/{delivery}", this::delivery);
        routes.post(BASE + "/{id}/replay", this::replay);
    }

    private void list(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.WEBHOOKS_ADMIN);
        List<Map<String, Object>> items = new ArrayList<>();
        for (WebhookSubscription subscription : webhooks.subscriptions().list(caller.tenantId())) {
            items.add(describe(subscription, Optional.empty()));
        }
        respond(ctx, 200, Map.of("webhooks", items));
    }

    private void create(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.WEBHOOKS_ADMIN);
        SubscriptionForm form = SubscriptionForm.create(body(ctx));
        requireAllowed(caller.tenantId(), form);
        Instant now = webhooks.clock().instant();
        String secret = WebhookSecrets.generate();
        WebhookSubscription subscription = stored("wh_" + UUID.randomUUID(), caller.tenantId(), form, secret,
                Optional.empty(), now, now);
        webhooks.subscriptions().insert(subscription);
        webhooks.invalidate(caller.tenantId());
        ctx.header("Location", BASE + "/" + subscription.id());
        respond(ctx, 201, describe(subscription, Optional.of(secret)));
    }

    private void show(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.WEBHOOKS_ADMIN);
        respond(ctx, 200, describe(find(caller, ctx.pathParam("id")), Optional.empty()));
    }

    private void update(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.WEBHOOKS_ADMIN);
        WebhookSubscription current = find(caller, ctx.pathParam("id"));
        SubscriptionForm form = SubscriptionForm.of(current).with(body(ctx));
        if (!form.url().equals(current.urlTemplate())) {
            requireAllowed(caller.tenantId(), form);
        }
        Optional<String> reason = form.enabled() ? Optional.empty() : current.disabledReason();
        WebhookSubscription changed = stored(current.id(), current.tenantId(), form, current.secret(), reason,
                current.createdAt(), webhooks.clock().instant());
        webhooks.subscriptions().update(changed);
        webhooks.invalidate(caller.tenantId());
        if (changed.enabled() && !current.enabled()) {
            wake.run(); // deliveries held while it was off go out now
        }
        respond(ctx, 200, describe(changed, Optional.empty()));
    }

    private void delete(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.WEBHOOKS_ADMIN);
        if (!webhooks.subscriptions().delete(caller.tenantId(), ctx.pathParam("id"))) {
            throw notFound();
        }
        webhooks.invalidate(caller.tenantId());
        ctx.status(204);
    }

    private void rotateSecret(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.WEBHOOKS_ADMIN);
        WebhookSubscription current = find(caller, ctx.pathParam("id"));
        String secret = WebhookSecrets.generate();
        WebhookSubscription changed = new WebhookSubscription(current.id(), current.tenantId(), current.description(),
                current.selectors(), current.urlTemplate(), current.method(), current.bodyFormat(),
                current.bodyTemplate(), current.headers(), secret, current.enabled(), current.disabledReason(),
                current.createdAt(), webhooks.clock().instant());
        webhooks.subscriptions().update(changed);
        webhooks.invalidate(caller.tenantId());
        respond(ctx, 200, describe(changed, Optional.of(secret)));
    }

    private void deliveries(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.WEBHOOKS_ADMIN);
        WebhookSubscription subscription = find(caller, ctx.pathParam("id"));
        Optional<WebhookDeliveryState> state = Optional.ofNullable(ctx.queryParam("state")).map(s -> {
            try {
                return WebhookDeliveryState.fromWireName(s);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "invalid_query", "state must be pending, delivered or dead");
            }
        });
        Optional<Long> beforeSeq = Optional.ofNullable(ctx.queryParam("before_seq")).map(s -> number(s, "before_seq"));
        int limit = limit(ctx);
        List<WebhookDelivery> page = webhooks.outbox().list(caller.tenantId(), subscription.id(), state, beforeSeq,
                limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveries", page.stream().map(WebhookAdmin::describe).toList());
        body.put("next_before_seq", page.size() == limit ? page.getLast().seq() : null);
        respond(ctx, 200, body);
    }

    private void delivery(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.WEBHOOKS_ADMIN);
        WebhookSubscription subscription = find(caller, ctx.pathParam("id"));
        WebhookDelivery delivery = webhooks.outbox().find(caller.tenantId(), ctx.pathParam("delivery"))
                .filter(d -> d.subscriptionId().equals(subscription.id()))
                .orElseThrow(() -> new ApiException(404, "delivery_not_found", "no such delivery"));
        Map<String, Object> body = describe(delivery);
        body.put("event", WebhookJson.readObject(delivery.payload()));
        body.put("attempts", webhooks.outbox().attempts(caller.tenantId(), delivery.id()).stream()
                .map(WebhookAdmin::describe).toList());
        respond(ctx, 200, body);
    }

    private void replay(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.WEBHOOKS_ADMIN);
        WebhookSubscription subscription = find(caller, ctx.pathParam("id"));
        JsonNode json = body(ctx);
        List<WebhookDelivery> originals;
        if (json.hasNonNull("delivery_id")) {
            WebhookDelivery original = webhooks.outbox().find(caller.tenantId(), json.get("delivery_id").asText())
                    .filter(d -> d.subscriptionId().equals(subscription.id()))
                    .orElseThrow(() -> new ApiException(404, "delivery_not_found", "no such delivery"));
            if (original.state() == WebhookDeliveryState.PENDING) {
                throw new ApiException(409, "delivery_pending",
                        "the delivery is still pending; it will be sent without a replay");
            }
            originals = List.of(original);
        } else if (json.has("from_seq") && json.has("to_seq")) {
            if (!json.get("from_seq").canConvertToLong() || !json.get("to_seq").canConvertToLong()) {
                throw new ApiException(400, "invalid_replay", "from_seq and to_seq must be whole numbers");
            }
            long from = json.get("from_seq").asLong();
            long to = json.get("to_seq").asLong();
            if (from < 1 || to < from) {
                throw new ApiException(400, "invalid_replay", "need 1 <= from_seq <= to_seq");
            }
            int max = webhooks.config().maxReplay();
            List<WebhookDelivery> found = webhooks.outbox().originals(caller.tenantId(), subscription.id(), from, to,
                    max + 1);
            if (found.size() > max) {
                throw new ApiException(400, "range_too_large",
                        "more than " + max + " deliveries in that range; replay a smaller one");
            }
            originals = found.stream().filter(d -> d.state() != WebhookDeliveryState.PENDING).toList();
        } else {
            throw new ApiException(400, "invalid_replay", "give delivery_id, or from_seq and to_seq");
        }
        List<WebhookDelivery> replays = webhooks.outbox().replay(originals, webhooks.clock().instant());
        if (!replays.isEmpty()) {
            wake.run();
        }
        respond(ctx, 202, Map.of("replays", replays.stream().map(WebhookAdmin::describe).toList()));
    }

    private void deadLetters(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.WEBHOOKS_ADMIN);
        List<WebhookDelivery> dead = webhooks.outbox().deadLetters(caller.tenantId(), limit(ctx));
        respond(ctx, 200, Map.of("dead_letters", dead.stream().map(WebhookAdmin::describe).toList()));
    }

    private void allowList(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.WEBHOOKS_ADMIN);
        respond(ctx, 200, Map.of("entries", webhooks.allowLists().list(caller.tenantId())));
    }

    private void replaceAllowList(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.WEBHOOKS_ADMIN);
        JsonNode json = body(ctx);
        JsonNode entries = json.get("entries");
        if (entries == null || !entries.isArray()) {
            throw new ApiException(400, "invalid_allow_list", "give {\"entries\": [\"203.0.113.7\", \"10.0.0.0/8\"]}");
        }
        List<String> normalized = new ArrayList<>();
        for (JsonNode entry : entries) {
            try {
                normalized.add(Cidr.parse(entry.asText()).toString());
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "invalid_allow_list", e.getMessage());
            }
        }
        webhooks.allowLists().replace(caller.tenantId(), normalized);
        respond(ctx, 200, Map.of("entries", webhooks.allowLists().list(caller.tenantId())));
    }

    private void requireAllowed(String tenantId, SubscriptionForm form) {
        if (guard.check(form.sampleUrl(), webhooks.allowList(tenantId)) instanceof AddressGuard.Verdict.Refused refused) {
            throw new ApiException(400, "url_not_allowed", refused.reason());
        }
    }

    private WebhookSubscription find(Principal caller, String id) {
        return webhooks.subscriptions().find(caller.tenantId(), id).orElseThrow(WebhookAdmin::notFound);
    }

    private static ApiException notFound() {
        return new ApiException(404, "webhook_not_found", "no such webhook");
    }

    private static WebhookSubscription stored(String id, String tenantId, SubscriptionForm form, String secret,
            Optional<String> disabledReason, Instant createdAt, Instant updatedAt) {
        return new WebhookSubscription(id, tenantId, form.description(), Subscription.selectorsToJson(form.selectors()),
                form.url(), form.method(), form.bodyFormat(), form.body(), WebhookJson.write(form.headers()), secret,
                form.enabled(), disabledReason, createdAt, updatedAt);
    }

    private Map<String, Object> describe(WebhookSubscription subscription, Optional<String> secret) {
        SubscriptionForm form = SubscriptionForm.of(subscription);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", subscription.id());
        json.put("description", form.description());
        json.put("events", form.selectors().stream().map(EventSelector::toJson).toList());
        json.put("url", form.url());
        json.put("method", form.method());
        json.put("body_format", form.bodyFormat());
        json.put("body", form.body().orElse(null));
        json.put("headers", form.headers());
        json.put("enabled", form.enabled());
        json.put("disabled_reason", subscription.disabledReason().orElse(null));
        json.put("created_at", subscription.createdAt().toString());
        json.put("updated_at", subscription.updatedAt().toString());
        json.put("pending_deliveries", webhooks.outbox().pending(subscription.tenantId(), subscription.id()));
        secret.ifPresent(s -> json.put("secret", s));
        return json;
    }

    private static Map<String, Object> describe(WebhookDelivery delivery) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", delivery.id());
        json.put("webhook_id", delivery.subscriptionId());
        json.put("seq", delivery.seq());
        json.put("event_id", delivery.eventId());
        json.put("event_type", delivery.eventType());
        json.put("state", delivery.state().wireName());
        json.put("attempts", delivery.attempts());
        json.put("created_at", delivery.createdAt().toString());
        json.put("next_attempt_at", delivery.state() == WebhookDeliveryState.PENDING
                ? delivery.nextAttemptAt().toString() : null);
        json.put("last_error", delivery.lastError().orElse(null));
        json.put("finished_at", delivery.finishedAt().map(Instant::toString).orElse(null));
        json.put("replay_of", delivery.replayOf().orElse(null));
        json.put("replayed_at", delivery.replayedAt().map(Instant::toString).orElse(null));
        return json;
    }

    private static Map<String, Object> describe(WebhookAttempt attempt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("attempt", attempt.attempt());
        json.put("started_at", attempt.startedAt().toString());
        json.put("latency_ms", attempt.latencyMs());
        json.put("status", attempt.statusCode().orElse(null));
        json.put("response", attempt.responseSnippet().orElse(null));
        json.put("error", attempt.error().orElse(null));
        json.put("outcome", attempt.outcome().wireName());
        return json;
    }

    private static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            throw new ApiException(400, "invalid_json", "the body must be a JSON object");
        }
        try {
            JsonNode json = WebhookJson.MAPPER.readTree(text);
            if (json == null || !json.isObject()) {
                throw new ApiException(400, "invalid_json", "the body must be a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "invalid_json", "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static int limit(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        long limit = number(text, "limit");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(400, "invalid_query", "limit must be 1-" + MAX_LIMIT);
        }
        return (int) limit;
    }

    private static long number(String text, String name) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "invalid_query", name + " must be a whole number");
        }
    }

    private static void respond(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(WebhookJson.write(body));
    }
}
