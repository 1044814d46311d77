package io.ramal.sip.transaction;

import io.ramal.sip.message.Address;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What is left of an INVITE server transaction once a 300–699 response went out (RFC 3261
 * §17.2.1): Completed resends that response, byte for byte, on Timer G (unreliable transports) and
 * on every INVITE retransmission until the ACK or Timer H; Confirmed absorbs ACKs until Timer I.
 * It keeps the response in wire form, the way back and the response's To header (a CANCEL arriving
 * now is answered with its tag); nothing here leads to the INVITE or the {@link ServerTransaction} the
 * TU was handed.
 */
final class CompletedInviteServerTransaction implements ServerRecord {
  private enum State { COMPLETED, CONFIRMED, TERMINATED }

  private final TransactionContext ctx;
  private final byte[] finalResponse;
  private final ResponseChannel channel;
  private final Optional<String> to;
  private final boolean reliable;
  private final Consumer<ServerRecord> onTerminated;
  private final Retransmitter timerG;
  private final TimerSlot timerH;
  private final TimerSlot timerI;
  private State state = State.COMPLETED;

  CompletedInviteServerTransaction(TransactionContext ctx, byte[] finalResponse, ResponseChannel channel,
      Optional<String> to, boolean reliable, Consumer<ServerRecord> onTerminated) {
    this.ctx = ctx;
    this.finalResponse = finalResponse;
    this.channel = channel;
    this.to = to;
    this.reliable = reliable;
    this.onTerminated = onTerminated;
    this.timerG = new Retransmitter(ctx.scheduler(), this::resend);
    this.timerH = new TimerSlot(ctx.scheduler());
    this.timerI = new TimerSlot(ctx.scheduler());
  }

  /** Starts Timers G and H; the layer keeps this record under the transaction's key from now on. */
  void start() {
    if (!reliable) timerG.start(ctx.timers().t1(), ctx.timers().t2());
    timerH.set(ctx.timers().timeout(), this::timerHFired);
  }

  @Override
  public void receiveRetransmission() {
    if (state == State.COMPLETED) resend();
  }

  /** The ACK for the final response (absorbed: it never reaches the TU). */
  void receiveAck() {
    if (state != State.COMPLETED) return;
    state = State.CONFIRMED;
    timerG.stop();
    timerH.cancel();
    Duration timerIDelay = ctx.timers().timerI(reliable);
    if (timerIDelay.isZero()) terminate();
    else timerI.set(timerIDelay, this::terminate);
  }

  /** The To tag of the final response. */
  Optional<String> toTag() {
    return to.flatMap(value -> Address.parse(value).tag());
  }

  boolean isTerminated() {
    return state == State.TERMINATED;
  }

  private void resend() {
    if (state != State.COMPLETED) return;
    ctx.observer().onRetransmission(false, "INVITE");
    if (channel.sendEncoded(finalResponse)) return;
    terminate();
    ctx.observer().onTransportError(false, "INVITE");
  }

  private void timerHFired() {
    if (state != State.COMPLETED) return;
    ctx.observer().onTimeout(false, "INVITE");
    terminate();
  }

  private void terminate() {
    if (state == State.TERMINATED) return;
    state = State.TERMINATED;
    timerG.stop();
    timerH.cancel();
    timerI.cancel();
    ctx.observer().onTerminated(false, "INVITE");
    onTerminated.accept(this);
  }

  @Override
  public String toString() {
    return "INVITE server transaction " + state;
  }
}
