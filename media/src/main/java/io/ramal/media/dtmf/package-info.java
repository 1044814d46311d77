/**
 * DTMF: RFC 4733 telephone-event payloads, a receiver-side detector that turns event packets into
 * one digit per key press, a generator of the packet sequence for a digit, and SIP INFO DTMF
 * bodies ({@code application/dtmf-relay}, {@code application/dtmf}).
 */
package io.ramal.media.dtmf;
