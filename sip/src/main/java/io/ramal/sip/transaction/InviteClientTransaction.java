package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * INVITE client transaction (RFC 3261 §17.1.1 with the RFC 6026 Accepted state): Calling →
 * Proceeding → Completed (non-2xx, own ACK, Timer D) or Accepted (2xx, Timer M) → Terminated.
 */
final class InviteClientTransaction implements ActiveClientTransaction {
  private enum State { CALLING, PROCEEDING, COMPLETED, ACCEPTED, TERMINATED }

  private final TransactionContext ctx;
  private final SipRequest request;
  private final Peer peer;
  private final String branch;
  private final Listener listener;
  private final Consumer<SipRequest> cancelSender;
  private final Consumer<ActiveClientTransaction> onTerminated;
  private final Retransmitter timerA;
  private final TimerSlot timerB;
  private final TimerSlot cancelGuard;
  private final TimerSlot linger;
  private State state = State.CALLING;
  private boolean cancelWanted;
  private boolean cancelSent;
  private SipRequest ack;

  InviteClientTransaction(TransactionContext ctx, SipRequest request, Peer peer, Listener listener,
      Consumer<SipRequest> cancelSender, Consumer<ActiveClientTransaction> onTerminated) {
    this.ctx = ctx;
    this.request = request;
    this.peer = peer;
    this.branch = request.topVia().branch().orElseThrow();
    this.listener = listener;
    this.cancelSender = cancelSender;
    this.onTerminated = onTerminated;
    this.timerA = new Retransmitter(ctx.scheduler(), this::retransmit);
    this.timerB = new TimerSlot(ctx.scheduler());
    this.cancelGuard = new TimerSlot(ctx.scheduler());
    this.linger = new TimerSlot(ctx.scheduler());
  }

  @Override
  public void start() {
    if (!ctx.out().send(request, peer)) {
      terminate();
      ctx.scheduler().schedule(Duration.ZERO, () -> listener.onTransportError(this));
      return;
    }
    if (!reliable()) timerA.start(ctx.timers().t1(), ctx.timers().timeout());
    timerB.set(ctx.timers().timeout(), this::timerBFired);
  }

  @Override
  public void receive(SipResponse response) {
    switch (state) {
      case CALLING, PROCEEDING -> {
        if (response.isProvisional()) provisional(response);
        else if (response.isSuccess()) accepted(response);
        else rejected(response);
      }
      case COMPLETED -> {
        if (response.isSuccess()) {
          listener.onResponse(this, response);
        } else if (response.isFinal()) {
          ctx.observer().onRetransmission(true, "INVITE");
          if (!ctx.out().send(ack, peer)) terminate();
        }
      }
      case ACCEPTED -> {
        if (response.isSuccess()) listener.onResponse(this, response);
      }
      case TERMINATED -> {}
    }
  }

  private void provisional(SipResponse response) {
    state = State.PROCEEDING;
    timerA.stop();
    timerB.cancel();
    listener.onResponse(this, response);
    if (cancelWanted && state == State.PROCEEDING) sendCancel();
  }

  private void accepted(SipResponse response) {
    state = State.ACCEPTED;
    stopRunningTimers();
    linger.set(ctx.timers().timeout(), this::terminate);
    listener.onResponse(this, response);
  }

  private void rejected(SipResponse response) {
    ack = Non2xxAck.of(request, response);
    state = State.COMPLETED;
    stopRunningTimers();
    boolean sent = ctx.out().send(ack, peer);
    Duration timerD = ctx.timers().timerD(reliable());
    if (!sent || timerD.isZero()) terminate();
    else linger.set(timerD, this::terminate);
    listener.onResponse(this, response);
  }

  @Override
  public void cancel() {
    if (cancelWanted) return;
    cancelWanted = true;
    if (state == State.PROCEEDING) sendCancel();
  }

  private void sendCancel() {
    if (cancelSent) return;
    cancelSent = true;
    cancelSender.accept(CancelRequest.of(request));
    cancelGuard.set(ctx.timers().timeout(), this::noFinalAfterCancel);
  }

  private void noFinalAfterCancel() {
    if (state != State.PROCEEDING) return;
    timedOut();
  }

  private void timerBFired() {
    if (state != State.CALLING) return;
    timedOut();
  }

  private void timedOut() {
    ctx.observer().onTimeout(true, "INVITE");
    terminate();
    listener.onTimeout(this);
  }

  private void retransmit() {
    if (state != State.CALLING) return;
    ctx.observer().onRetransmission(true, "INVITE");
    if (!ctx.out().send(request, peer)) {
      terminate();
      listener.onTransportError(this);
    }
  }

  private void stopRunningTimers() {
    timerA.stop();
    timerB.cancel();
    cancelGuard.cancel();
  }

  private void terminate() {
    if (state == State.TERMINATED) return;
    state = State.TERMINATED;
    stopRunningTimers();
    linger.cancel();
    ctx.observer().onTerminated(true, "INVITE");
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
    return "INVITE client transaction " + branch + " " + state;
  }
}
