/**
 * Telephony facts: what the PBX reports, as past-tense records. Each carries the tenant and the
 * time it happened; call facts carry the call id and, where a leg is meant, the PBX's leg id.
 *
 * <p>The contract with the PBX: a call starts with {@link io.ramal.cti.fact.CallCreated} (the
 * caller's leg); every further leg starts with {@link io.ramal.cti.fact.LegCreated} and ends with
 * {@link io.ramal.cti.fact.LegReleased}. The core tolerates facts it cannot place (unknown call or
 * leg, a second answer, a release after the end): they produce no event and an anomaly value.
 */
package io.ramal.cti.fact;
