package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Non-INVITE client transaction (RFC 3261 §17.1.2): Trying → Proceeding → Completed (Timer K) →
 * Terminated; Timer E retransmits (doubling, capped at T2, every T2 once Proceeding), Timer F gives up.
 */
final class NonInviteClientTransaction implements ActiveClientTransaction {
  private enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

  private final TransactionContext ctx;
  private final SipRequest request;
  private final Peer peer;
  private final String branch;
  private final Listener listener;
  private final Consumer<ActiveClientTransaction> onTerminated;
  private final Retransmitter timerE;
  private final TimerSlot timerF;
  private final TimerSlot timerK;
  private State state = State.TRYING;

  NonInviteClientTransaction(TransactionContext ctx, SipRequest request, Peer peer, Listener listener,
      Consumer<ActiveClientTransaction> onTerminated) {
    this.ctx = ctx;
    this.request = request;
    this.peer = peer;
    this.branch = request.topVia().branch().orElseThrow();
    this.listener = listener;
    this.onTerminated = onTerminated;
    this.timerE = new Retransmitter(ctx.scheduler(), this::retransmit);
    this.timerF = new TimerSlot(ctx.scheduler());
    this.timerK = new TimerSlot(ctx.scheduler());
  }

  @Override
  public void start() {
    if (!ctx.out().send(request, peer)) {
      terminate();
      ctx.scheduler().schedule(Duration.ZERO, () -> listener.onTransportError(this));
      return;
    }
    if (!reliable()) timerE.start(ctx.timers().t1(), ctx.timers().t2());
    timerF.set(ctx.timers().timeout(), this::timerFFired);
  }

  @Override
  public void receive(SipResponse response) {
    if (state != State.TRYING && state != State.PROCEEDING) return;
    if (response.isProvisional()) {
      state = State.PROCEEDING;
      timerE.holdAtCap();
      listener.onResponse(this, response);
      return;
    }
    state = State.COMPLETED;
    timerE.stop();
    timerF.cancel();
    Duration timerKDelay = ctx.timers().timerK(reliable());
    if (timerKDelay.isZero()) terminate();
    else timerK.set(timerKDelay, this::terminate);
    listener.onResponse(this, response);
  }

  /** @throws IllegalStateException always: only INVITE transactions can be cancelled */
  @Override
  public void cancel() {
    throw new IllegalStateException("only INVITE transactions can be cancelled, not " + request.method());
  }

  private void retransmit() {
    if (state != State.TRYING && state != State.PROCEEDING) return;
    ctx.observer().onRetransmission(true, request.method());
    if (!ctx.out().send(request, peer)) {
      terminate();
      listener.onTransportError(this);
    }
  }

  private void timerFFired() {
    if (state != State.TRYING && state != State.PROCEEDING) return;
    ctx.observer().onTimeout(true, request.method());
    terminate();
    listener.onTimeout(this);
  }

  private void terminate() {
    if (state == State.TERMINATED) return;
    state = State.TERMINATED;
    timerE.stop();
    timerF.cancel();
    timerK.cancel();
    ctx.observer().onTerminated(true, request.method());
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
  public String branch() {
    return branch;
  }

  @Override
  public boolean isTerminated() {
    return state == State.TERMINATED;
  }

  @Override
  public String toString() {
    return request.method() + " client transaction " + branch + " " + state;
  }
}
