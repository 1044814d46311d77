package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * INVITE client transaction (RFC 3261 §17.1.1 with the RFC 6026 Accepted state): Calling →
 * Proceeding → Completed (non-2xx, own ACK, Timer D) or Accepted (2xx, Timer M) → Terminated. From
 * Completed on, the layer keeps a {@link CompletedInviteClientTransaction} in this one's place;
 * this object stays with the TU and follows it. Accepted stays here: every 2xx goes to the
 * listener.
 */
final class InviteClientTransaction implements ActiveClientTransaction {
  private enum State { CALLING, PROCEEDING, COMPLETED, ACCEPTED, TERMINATED }

  private final TransactionContext ctx;
  private final SipRequest request;
  private final Peer peer;
  private final String branch;
  private Listener listener;
  private final Consumer<SipRequest> cancelSender;
  private final BiConsumer<ActiveClientTransaction, ClientRecord> onCompleted;
  private final Consumer<ClientRecord> onTerminated;
  private final Retransmitter timerA;
  private final TimerSlot timerB;
  private final TimerSlot cancelGuard;
  private final TimerSlot timerM;
  private State state = State.CALLING;
  private boolean cancelWanted;
  private boolean cancelSent;
  private Optional<CompletedInviteClientTransaction> completed = Optional.empty();

  /**
   * @param onCompleted the layer keeps the second argument in place of the first from now on
   * @param onTerminated the layer forgets the argument
   */
  InviteClientTransaction(TransactionContext ctx, SipRequest request, Peer peer, Listener listener,
      Consumer<SipRequest> cancelSender, BiConsumer<ActiveClientTransaction, ClientRecord> onCompleted,
      Consumer<ClientRecord> onTerminated) {
    this.ctx = ctx;
    this.request = request;
    this.peer = peer;
    this.branch = request.topVia().branch().orElseThrow();
    this.listener = listener;
    this.cancelSender = cancelSender;
    this.onCompleted = onCompleted;
    this.onTerminated = onTerminated;
    this.timerA = new Retransmitter(ctx.scheduler(), this::retransmit);
    this.timerB = new TimerSlot(ctx.scheduler());
    this.cancelGuard = new TimerSlot(ctx.scheduler());
    this.timerM = new TimerSlot(ctx.scheduler());
  }

  @Override
  public void start() {
    if (!ctx.out().send(request, peer)) {
      terminate();
      ctx.observer().onTransportError(true, "INVITE");
      ctx.scheduler().schedule(Duration.ZERO, () -> listener.onTransportError(this));
      return;
    }
    if (!reliable()) timerA.start(ctx.timers().t1(), ctx.timers().timeout());
    timerB.set(ctx.timers().timeout(), this::timerBFired);
  }

  @Override
  public boolean receive(SipResponse response) {
    switch (state) {
      case CALLING, PROCEEDING -> {
        if (response.isProvisional()) provisional(response);
        else if (response.isSuccess()) accepted(response);
        else rejected(response);
      }
      case ACCEPTED -> {
        if (response.isSuccess()) listener.onResponse(this, response);
      }
      case COMPLETED, TERMINATED -> {}
    }
    return true;
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
    timerM.set(ctx.timers().timeout(), this::terminate);
    listener.onResponse(this, response);
  }

  private void rejected(SipResponse response) {
    stopRunningTimers();
    byte[] ack = Non2xxAck.of(request, response).toBytes();
    Duration timerD = ctx.timers().timerD(reliable());
    if (!ctx.out().sendEncoded(ack, peer)) {
      terminate();
      ctx.observer().onTransportError(true, "INVITE");
    } else if (timerD.isZero()) {
      terminate();
    } else {
      state = State.COMPLETED;
      CompletedInviteClientTransaction rest = new CompletedInviteClientTransaction(ctx, ack, peer, onTerminated);
      completed = Optional.of(rest);
      onCompleted.accept(this, rest);
      rest.start(timerD);
    }
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
      ctx.observer().onTransportError(true, "INVITE");
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
    timerM.cancel();
    ctx.observer().onTerminated(true, "INVITE");
    onTerminated.accept(this);
  }

  private boolean reliable() {
    return peer.transport().reliable();
  }

  @Override
  public void handOver(Listener next) {
    listener = Objects.requireNonNull(next, "next");
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
    return state == State.TERMINATED || completed.map(CompletedInviteClientTransaction::isTerminated).orElse(false);
  }

  @Override
  public String toString() {
    return "INVITE client transaction " + branch + " " + (isTerminated() ? State.TERMINATED : state);
  }
}
