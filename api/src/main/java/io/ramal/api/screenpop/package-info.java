/**
 * Screen pops: one {@code screen_pop} event per call and agent, in the tenant's event stream, with
 * the caller's contact from an optional CRM lookup.
 *
 * <p>How it flows: {@link io.ramal.api.screenpop.ScreenPops#enlist} runs on the transaction that
 * appends each {@code call.delivered} and claims a pop for every agent of the ringing extension in
 * the {@code screen_pops} table, whose primary key (tenant, call, agent) is the dedup: the same
 * call ringing the same agent again claims nothing. After the commit a worker takes the claim, asks
 * the CRM ({@link io.ramal.api.screenpop.ContactLookup}: URL template, SSRF guard, cache, timeout)
 * and appends the {@code screen_pop} event in a transaction that also marks the claim popped — only
 * if it was still pending — so the event exists at most once, and (while the claim is younger than
 * the pop deadline) at least once across crashes.
 */
package io.ramal.api.screenpop;
