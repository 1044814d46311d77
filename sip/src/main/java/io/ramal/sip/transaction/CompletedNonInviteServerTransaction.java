package io.ramal.sip.transaction;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What is left of a non-INVITE server transaction once its final response went out (RFC 3261
 * §17.2.2, Completed): that response in wire form and the way back, to answer each retransmission
 * of the request with the same bytes until Timer J ends it. Nothing here leads to the request, the
 * parsed response or the {@link ServerTransaction} the TU was handed.
 */
final class CompletedNonInviteServerTransaction implements ServerRecord {
  private final TransactionContext ctx;
  private final String method;
  private final byte[] finalResponse;
  private final ResponseChannel channel;
  private final Consumer<ServerRecord> onTerminated;
  private final TimerSlot timerJ;
  private boolean terminated;

  CompletedNonInviteServerTransaction(TransactionContext ctx, String method, byte[] finalResponse,
      ResponseChannel channel, Consumer<ServerRecord> onTerminated) {
    this.ctx = ctx;
    this.method = method;
    this.finalResponse = finalResponse;
    this.channel = channel;
    this.onTerminated = onTerminated;
    this.timerJ = new TimerSlot(ctx.scheduler());
  }

  /** Starts Timer J; the layer keeps this record under the transaction's key from now on. */
  void start(Duration timerJDelay) {
    timerJ.set(timerJDelay, this::terminate);
  }

  @Override
  public void receiveRetransmission() {
    if (terminated) return;
    ctx.observer().onRetransmission(false, method);
    if (channel.sendEncoded(finalResponse)) return;
    terminate();
    ctx.observer().onTransportError(false, method);
  }

  boolean isTerminated() {
    return terminated;
  }

  private void terminate() {
    if (terminated) return;
    terminated = true;
    timerJ.cancel();
    ctx.observer().onTerminated(false, method);
    onTerminated.accept(this);
  }

  @Override
  public String toString() {
    return method + " server transaction, completed" + (terminated ? ", terminated" : "");
  }
}
