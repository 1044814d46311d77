package io.ramal.sip.transaction;

import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What is left of an INVITE client transaction once a 300–699 response arrived and was ACKed (RFC
 * 3261 §17.1.1.2, Completed): the ACK in wire form and where it went, to send it again, byte for
 * byte, for every retransmission of a final response until Timer D. A 2xx arriving now (a
 * misbehaving fork) is not this transaction's: the layer passes it to the TU as a stray response,
 * since the INVITE and the listener are no longer reachable from here.
 */
final class CompletedInviteClientTransaction implements ClientRecord {
  private final TransactionContext ctx;
  private final byte[] ack;
  private final Peer peer;
  private final Consumer<ClientRecord> onTerminated;
  private final TimerSlot timerD;
  private boolean terminated;

  CompletedInviteClientTransaction(TransactionContext ctx, byte[] ack, Peer peer, Consumer<ClientRecord> onTerminated) {
    this.ctx = ctx;
    this.ack = ack;
    this.peer = peer;
    this.onTerminated = onTerminated;
    this.timerD = new TimerSlot(ctx.scheduler());
  }

  /** Starts Timer D; the layer keeps this record under the transaction's key from now on. */
  void start(Duration timerDDelay) {
    timerD.set(timerDDelay, this::terminate);
  }

  @Override
  public boolean receive(SipResponse response) {
    if (response.isSuccess()) return false;
    if (terminated || response.isProvisional()) return true;
    ctx.observer().onRetransmission(true, "INVITE");
    if (!ctx.out().sendEncoded(ack, peer)) {
      terminate();
      ctx.observer().onTransportError(true, "INVITE");
    }
    return true;
  }

  boolean isTerminated() {
    return terminated;
  }

  private void terminate() {
    if (terminated) return;
    terminated = true;
    timerD.cancel();
    ctx.observer().onTerminated(true, "INVITE");
    onTerminated.accept(this);
  }

  @Override
  public String toString() {
    return "INVITE client transaction, completed" + (terminated ? ", terminated" : "");
  }
}
