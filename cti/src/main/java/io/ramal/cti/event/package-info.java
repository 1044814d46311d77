/**
 * CTI events: past-tense records of what happened, in CSTA type names ({@code call.delivered},
 * {@code connection.cleared}…). Every event has {@link io.ramal.cti.event.CtiEvent#toJson()}: an
 * ordered map of JSON fields (snake_case keys, ISO-8601 times) without {@code id} and
 * {@code seq}, which the durable log assigns. See {@code docs/events.md} for every field.
 */
package io.ramal.cti.event;
