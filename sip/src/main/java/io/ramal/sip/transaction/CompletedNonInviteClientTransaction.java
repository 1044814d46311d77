package io.ramal.sip.transaction;

import io.ramal.sip.message.SipResponse;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What is left of a non-INVITE client transaction once its final response arrived (RFC 3261
 * §17.1.2, Completed): nothing but its key in the layer's table and Timer K, to absorb
 * retransmissions of the response. The request and the listener are not reachable from here.
 */
final class CompletedNonInviteClientTransaction implements ClientRecord {
  private final TransactionContext ctx;
  private final String method;
  private final Consumer<ClientRecord> onTerminated;
  private final TimerSlot timerK;
  private boolean terminated;

  CompletedNonInviteClientTransaction(TransactionContext ctx, String method, Consumer<ClientRecord> onTerminated) {
    this.ctx = ctx;
    this.method = method;
    this.onTerminated = onTerminated;
    this.timerK = new TimerSlot(ctx.scheduler());
  }

  /** Starts Timer K; the layer keeps this record under the transaction's key from now on. */
  void start(Duration timerKDelay) {
    timerK.set(timerKDelay, this::terminate);
  }

  /** Every response is a retransmission now: absorbed. */
  @Override
  public boolean receive(SipResponse response) {
    return true;
  }

  boolean isTerminated() {
    return terminated;
  }

  private void terminate() {
    if (terminated) return;
    terminated = true;
    timerK.cancel();
    ctx.observer().onTerminated(true, method);
    onTerminated.accept(this);
  }

  @Override
  public String toString() {
    return method + " client transaction, completed" + (terminated ? ", terminated" : "");
  }
}
