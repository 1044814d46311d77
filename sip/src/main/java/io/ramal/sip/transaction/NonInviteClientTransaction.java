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
 * Non-INVITE client transaction (RFC 3261 §17.1.2): Trying → Proceeding → Completed (Timer K) →
 * Terminated; Timer E retransmits (doubling, capped at T2, every T2 once Proceeding), Timer F gives up.
 * From Completed on, the layer keeps a {@link CompletedNonInviteClientTransaction} in this one's
 * place; this object stays with the TU and follows it.
 */
final class NonInviteClientTransaction implements ActiveClientTransaction {
  private enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

  private final TransactionContext ctx;
  private final SipRequest request;
  private final Peer peer;
  private final String branch;
  private Listener listener;
  private final BiConsumer<ActiveClientTransaction, ClientRecord> onCompleted;
  private final Consumer<ClientRecord> onTerminated;
  private final Retransmitter timerE;
  private final TimerSlot timerF;
  private State state = State.TRYING;
  private Optional<CompletedNonInviteClientTransaction> completed = Optional.empty();

  /**
   * @param onCompleted the layer keeps the second argument in place of the first from now on
   * @param onTerminated the layer forgets the argument
   */
  NonInviteClientTransaction(TransactionContext ctx, SipRequest request, Peer peer, Listener listener,
      BiConsumer<ActiveClientTransaction, ClientRecord> onCompleted, Consumer<ClientRecord> onTerminated) {
    this.ctx = ctx;
    this.request = request;
    this.peer = peer;
    this.branch = request.topVia().branch().orElseThrow();
    this.listener = listener;
    this.onCompleted = onCompleted;
    this.onTerminated = onTerminated;
    this.timerE = new Retransmitter(ctx.scheduler(), this::retransmit);
    this.timerF = new TimerSlot(ctx.scheduler());
  }

  @Override
  public void start() {
    if (!ctx.out().send(request, peer)) {
      terminate();
      ctx.observer().onTransportError(true, request.method());
      ctx.scheduler().schedule(Duration.ZERO, () -> listener.onTransportError(this));
      return;
    }
    if (!reliable()) timerE.start(ctx.timers().t1(), ctx.timers().t2());
    timerF.set(ctx.timers().timeout(), this::timerFFired);
  }

  @Override
  public boolean receive(SipResponse response) {
    if (state != State.TRYING && state != State.PROCEEDING) return true;
    if (response.isProvisional()) {
      state = State.PROCEEDING;
      timerE.holdAtCap();
      listener.onResponse(this, response);
      return true;
    }
    timerE.stop();
    timerF.cancel();
    Duration timerK = ctx.timers().timerK(reliable());
    if (timerK.isZero()) {
      terminate();
    } else {
      state = State.COMPLETED;
      CompletedNonInviteClientTransaction rest =
          new CompletedNonInviteClientTransaction(ctx, request.method(), onTerminated);
      completed = Optional.of(rest);
      onCompleted.accept(this, rest);
      rest.start(timerK);
    }
    listener.onResponse(this, response);
    return true;
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
      ctx.observer().onTransportError(true, request.method());
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
    ctx.observer().onTerminated(true, request.method());
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
    return state == State.TERMINATED || completed.map(CompletedNonInviteClientTransaction::isTerminated).orElse(false);
  }

  @Override
  public String toString() {
    return request.method() + " client transaction " + branch + " " + (isTerminated() ? State.TERMINATED : state);
  }
}
