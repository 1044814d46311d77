package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * INVITE server transaction (RFC 3261 §17.2.1 with the RFC 6026 Accepted state): Proceeding →
 * Completed (non-2xx; Timers G, H) → Confirmed (ACK; Timer I), or Proceeding → Accepted (2xx;
 * Timer L, 2xx retransmitted until the ACK as §13.3.1.4 asks of the UAS core) → Terminated.
 */
final class InviteServerTransaction implements ActiveServerTransaction {
  private enum State { PROCEEDING, COMPLETED, CONFIRMED, ACCEPTED, TERMINATED }

  private final TransactionContext ctx;
  private final SipRequest request;
  private final Peer peer;
  private final TransactionUser tu;
  private final Consumer<InviteServerTransaction> onTerminated;
  private final ResponseChannel channel;
  private final Retransmitter timerG;
  private final Retransmitter twoXxRetransmission;
  private final TimerSlot timerH;
  private final TimerSlot timerI;
  private final TimerSlot timerL;
  private State state = State.PROCEEDING;
  private Optional<SipResponse> lastResponse = Optional.empty();
  private boolean acked;

  InviteServerTransaction(TransactionContext ctx, SipRequest request, Peer peer, TransactionUser tu,
      Consumer<InviteServerTransaction> onTerminated) {
    this.ctx = ctx;
    this.request = request;
    this.peer = peer;
    this.tu = tu;
    this.onTerminated = onTerminated;
    this.channel = new ResponseChannel(ctx.out(), request, peer);
    this.timerG = new Retransmitter(ctx.scheduler(), this::resendFinal);
    this.twoXxRetransmission = new Retransmitter(ctx.scheduler(), this::resendFinal);
    this.timerH = new TimerSlot(ctx.scheduler());
    this.timerI = new TimerSlot(ctx.scheduler());
    this.timerL = new TimerSlot(ctx.scheduler());
  }

  @Override
  public void respond(SipResponse response) {
    if (state != State.PROCEEDING) {
      ctx.observer().onResponseIgnored("INVITE", response.status());
      return;
    }
    lastResponse = Optional.of(response);
    if (response.isSuccess()) {
      state = State.ACCEPTED;
      timerL.set(ctx.timers().timeout(), this::timerLFired);
      if (!reliable()) twoXxRetransmission.start(ctx.timers().t1(), ctx.timers().t2());
    } else if (response.isFinal()) {
      state = State.COMPLETED;
      if (!reliable()) timerG.start(ctx.timers().t1(), ctx.timers().t2());
      timerH.set(ctx.timers().timeout(), this::timerHFired);
    }
    if (!channel.send(response)) transportFailed();
  }

  @Override
  public void receiveRetransmission(SipRequest retransmission) {
    if (state == State.PROCEEDING || state == State.COMPLETED) lastResponse.ifPresent(this::resend);
  }

  /**
   * An ACK matched this transaction. Returns true when it acknowledges a 2xx and so belongs to the
   * TU as well; an ACK for a non-2xx final is absorbed here.
   */
  boolean receiveAck() {
    return switch (state) {
      case COMPLETED -> {
        confirm();
        yield false;
      }
      case ACCEPTED -> {
        acked = true;
        twoXxRetransmission.stop();
        yield true;
      }
      case PROCEEDING, CONFIRMED -> false;
      case TERMINATED -> true;
    };
  }

  boolean isAccepted() {
    return state == State.ACCEPTED;
  }

  /** True until a final response was sent (a CANCEL still has something to stop). */
  boolean awaitsFinalResponse() {
    return state == State.PROCEEDING;
  }

  private void confirm() {
    state = State.CONFIRMED;
    timerG.stop();
    timerH.cancel();
    Duration timerIDelay = ctx.timers().timerI(reliable());
    if (timerIDelay.isZero()) terminate();
    else timerI.set(timerIDelay, this::terminate);
  }

  private void resendFinal() {
    if (state == State.COMPLETED || state == State.ACCEPTED) lastResponse.ifPresent(this::resend);
  }

  private void resend(SipResponse response) {
    ctx.observer().onRetransmission(false, "INVITE");
    if (!channel.send(response)) transportFailed();
  }

  private void timerHFired() {
    if (state != State.COMPLETED) return;
    ctx.observer().onTimeout(false, "INVITE");
    terminate();
  }

  private void timerLFired() {
    if (state != State.ACCEPTED) return;
    if (acked) {
      terminate();
      return;
    }
    ctx.observer().onTimeout(false, "INVITE");
    terminate();
    tu.onAckTimeout(this);
  }

  private void transportFailed() {
    if (state == State.TERMINATED) return;
    terminate();
    tu.onTransportError(this);
  }

  private void terminate() {
    if (state == State.TERMINATED) return;
    state = State.TERMINATED;
    timerG.stop();
    twoXxRetransmission.stop();
    timerH.cancel();
    timerI.cancel();
    timerL.cancel();
    ctx.observer().onTerminated(false, "INVITE");
    onTerminated.accept(this);
  }

  private boolean reliable() {
    return peer.transport().reliable();
  }

  @Override
  public SipRequest request() {
    return request;
  }

  @Override
  public Peer peer() {
    return peer;
  }

  @Override
  public boolean isTerminated() {
    return state == State.TERMINATED;
  }

  @Override
  public boolean isInvite() {
    return true;
  }

  @Override
  public Optional<SipResponse> lastResponse() {
    return lastResponse;
  }

  @Override
  public String toString() {
    return "INVITE server transaction " + request.topVia().branch().orElse("(no branch)") + " " + state;
  }
}
