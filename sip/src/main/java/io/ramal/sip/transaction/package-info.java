/**
 * RFC 3261 §17 transactions with the RFC 6026 corrections: {@link
 * io.ramal.sip.transaction.TransactionLayer} matches messages to the four state machines (INVITE and
 * non-INVITE, client and server), answers CANCEL, and drives every timer through an injected
 * {@link io.ramal.sip.transaction.Scheduler}. No sockets, threads or clock reads: one serial
 * executor per layer calls in, and the scheduler runs its tasks on that executor.
 */
package io.ramal.sip.transaction;
