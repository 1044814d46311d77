/**
 * The durable, resumable event stream: the per-tenant {@link io.ramal.api.events.EventJournal}
 * (store first, then fan out), the in-process {@link io.ramal.api.events.Fanout}, and the
 * WebSocket at {@code /api/v1/events} ({@link io.ramal.api.events.EventSocket}). The wire
 * protocol is described in {@code docs/events-websocket.md}.
 */
package io.ramal.api.events;
