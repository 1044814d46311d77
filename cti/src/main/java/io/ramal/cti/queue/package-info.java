/**
 * Queues (ACD) as a pure state machine per tenant ({@link io.ramal.cti.queue.CallDistributor}): queue
 * definitions, agents' memberships (join, leave, pause and unpause per queue, as TotalVoice's
 * {@code entrarNaFila}, {@code sairDaFila}, {@code pausarNaFila}, {@code despausarNaFila}), callers
 * waiting, and the decisions: which agents a waiting call is offered to and when, what happens on no
 * answer, on answer, past the maximum wait and when the caller hangs up; statistics per queue and per
 * agent. No clock, no I/O: every method takes {@code now}, and {@code nextDue()} says when to call
 * {@code review} again.
 *
 * <h2>The port to the PBX</h2>
 *
 * <p>The PBX connects the queues to real calls through two things:
 *
 * <ul>
 *   <li><b>Facts in</b> — {@link io.ramal.cti.queue.QueueFact}, reported (asynchronously, in order) to
 *       the server's queue desk ({@code io.ramal.api.queues.QueueDesk#report}):
 *       <ul>
 *         <li>{@code CallerArrived(tenant, callId, queue, callerNumber, callerName, campaign, at)}: the
 *             dial plan sent a call to a queue; the PBX answers it and plays music on hold;</li>
 *         <li>{@code OfferAnswered(tenant, callId, device, at)}: the agent's device it rang for an
 *             {@code Offer} answered and the PBX connected it to the caller;</li>
 *         <li>{@code OfferFailed(tenant, callId, device, cause, at)}: that ringing ended without answer
 *             (busy, declined, unreachable, no answer) before the queue withdrew it;</li>
 *         <li>{@code AgentLeft(tenant, callId, device, at)}: the device that answered left the call
 *             while it may go on (its agent transferred the caller away): the agent's wrap-up starts (the
 *             server's queue desk reports it from the call's {@code connection.cleared});</li>
 *         <li>{@code CallEnded(tenant, callId, at)}: the caller's call ended (while waiting: abandoned;
 *             after an answer: the agent's wrap-up starts, unless it left before).</li>
 *       </ul></li>
 *   <li><b>Effects out</b> — {@link io.ramal.cti.queue.QueueEffect}, carried out by the PBX's
 *       implementation of {@link io.ramal.cti.queue.QueueControl} (called on the tenant's CTI lane, in
 *       order; must not block):
 *       <ul>
 *         <li>{@code offer(Offer)}: ring {@code device} for {@code callId} (the caller keeps hearing music);
 *             the offer carries the queue, the wait so far and the campaign fields for the ringing's
 *             {@code call.delivered} and screen pop ({@code queueJson()}, {@code campaign.toJson()});</li>
 *         <li>{@code withdraw(Withdraw)}: stop ringing {@code device} for {@code callId} (another agent
 *             answered, the ring timeout passed, the caller left, or the agent became unavailable);</li>
 *         <li>{@code overflow(Overflow)}: take the caller out of the queue and route it to the
 *             destination ({@code extension:N}, {@code queue:NAME}, {@code number:N});</li>
 *         <li>{@code release(Release)}: hang the caller up (maximum wait without overflow destination,
 *             full queue, no such queue);</li>
 *         <li>{@code announce(Announce)}: tell the caller its position.</li>
 *       </ul></li>
 * </ul>
 *
 * <p>The ring timeout is the distributor's: the PBX need not time offers itself (it may report
 * {@code OfferFailed} with {@code NO_ANSWER} when the device stops ringing on its own).
 */
package io.ramal.cti.queue;
