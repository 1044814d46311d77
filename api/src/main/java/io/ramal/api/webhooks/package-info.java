/**
 * Webhooks: per-tenant subscriptions to the event log, a durable outbox written in the same
 * transaction as each event, and a dispatcher that delivers every event to every matching
 * subscription at least once, in {@code seq} order per subscription, signed, retried with
 * backoff, logged per attempt, dead-lettered and replayable, behind an SSRF guard.
 *
 * <p>Wiring: {@link io.ramal.api.webhooks.Webhooks} (enqueue inside the event-log transaction),
 * {@link io.ramal.api.webhooks.WebhookDispatcher} (delivery), {@link io.ramal.api.webhooks.WebhookAdmin}
 * (REST admin). See {@code docs/webhooks.md}.
 */
package io.ramal.api.webhooks;
