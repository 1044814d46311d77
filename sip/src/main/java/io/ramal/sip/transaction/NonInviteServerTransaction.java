package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Non-INVITE server transaction (RFC 3261 §17.2.2): Trying → Proceeding → Completed (Timer J) →
 * Terminated; request retransmissions get the last response again.
 */
final class NonInviteServerTransaction implements ActiveServerTransaction {
  private enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

  private final TransactionContext ctx;
  private final SipRequest request;
  private final Peer peer;
  private final Consumer<ServerTransaction> onTransportError;
  private final Consumer<NonInviteServerTransaction> onTerminated;
  private final ResponseChannel channel;
  private final TimerSlot timerJ;
  private State state = State.TRYING;
  private Optional<SipResponse> lastResponse = Optional.empty();

  NonInviteServerTransaction(TransactionContext ctx, SipRequest request, Peer peer, Consumer<ServerTransaction> onTransportError,
      Consumer<NonInviteServerTransaction> onTerminated) {
    this.ctx = ctx;
    this.request = request;
    this.peer = peer;
    this.onTransportError = onTransportError;
    this.onTerminated = onTerminated;
    this.channel = new ResponseChannel(ctx.out(), request, peer);
    this.timerJ = new TimerSlot(ctx.scheduler());
  }

  @Override
  public void respond(SipResponse response) {
    if (state != State.TRYING && state != State.PROCEEDING) {
      ctx.observer().onResponseIgnored(request.method(), response.status());
      return;
    }
    lastResponse = Optional.of(response);
    state = response.isFinal() ? State.COMPLETED : State.PROCEEDING;
    if (!channel.send(response)) {
      transportFailed();
      return;
    }
    if (state == State.COMPLETED) {
      Duration timerJDelay = ctx.timers().timerJ(peer.transport().reliable());
      if (timerJDelay.isZero()) terminate();
      else timerJ.set(timerJDelay, this::terminate);
    }
  }

  @Override
  public void receiveRetransmission(SipRequest retransmission) {
    if (state != State.PROCEEDING && state != State.COMPLETED) return;
    SipResponse response = lastResponse.orElseThrow();
    ctx.observer().onRetransmission(false, request.method());
    if (!channel.send(response)) transportFailed();
  }

  private void transportFailed() {
    if (state == State.TERMINATED) return;
    terminate();
    onTransportError.accept(this);
  }

  private void terminate() {
    if (state == State.TERMINATED) return;
    state = State.TERMINATED;
    timerJ.cancel();
    ctx.observer().onTerminated(false, request.method());
    onTerminated.accept(this);
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
    return false;
  }

  @Override
  public Optional<SipResponse> lastResponse() {
    return lastResponse;
  }

  @Override
  public String toString() {
    return request.method() + " server transaction " + request.topVia().branch().orElse("(no branch)") + " " + state;
  }
}
