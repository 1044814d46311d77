package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Non-INVITE server transaction (RFC 3261 §17.2.2): Trying → Proceeding → Completed (Timer J) →
 * Terminated; request retransmissions get the last response again. From Completed on, the layer
 * keeps a {@link CompletedNonInviteServerTransaction} in this one's place; this object stays with
 * the TU and follows it.
 */
final class NonInviteServerTransaction implements ActiveServerTransaction {
  private enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

  private final TransactionContext ctx;
  private final SipRequest request;
  private final Peer peer;
  private final Consumer<ServerTransaction> onTransportError;
  private final BiConsumer<ActiveServerTransaction, ServerRecord> onCompleted;
  private final Consumer<ServerRecord> onTerminated;
  private final ResponseChannel channel;
  private State state = State.TRYING;
  private Optional<SipResponse> lastResponse = Optional.empty();
  private Optional<CompletedNonInviteServerTransaction> completed = Optional.empty();

  /**
   * @param onCompleted the layer keeps the second argument in place of the first from now on
   * @param onTerminated the layer forgets the argument
   */
  NonInviteServerTransaction(TransactionContext ctx, SipRequest request, Peer peer,
      Consumer<ServerTransaction> onTransportError, BiConsumer<ActiveServerTransaction, ServerRecord> onCompleted,
      Consumer<ServerRecord> onTerminated) {
    this.ctx = ctx;
    this.request = request;
    this.peer = peer;
    this.onTransportError = onTransportError;
    this.onCompleted = onCompleted;
    this.onTerminated = onTerminated;
    this.channel = new ResponseChannel(ctx.out(), request, peer);
  }

  @Override
  public void respond(SipResponse response) {
    if (state != State.TRYING && state != State.PROCEEDING) {
      ctx.observer().onResponseIgnored(request.method(), response.status());
      return;
    }
    lastResponse = Optional.of(response);
    if (response.isProvisional()) {
      state = State.PROCEEDING;
      if (!channel.send(response)) transportFailed();
      return;
    }
    byte[] wire = response.toBytes();
    if (!channel.sendEncoded(wire)) {
      transportFailed();
      return;
    }
    Duration timerJ = ctx.timers().timerJ(peer.transport().reliable());
    if (timerJ.isZero()) {
      terminate();
      return;
    }
    state = State.COMPLETED;
    CompletedNonInviteServerTransaction rest =
        new CompletedNonInviteServerTransaction(ctx, request.method(), wire, channel, onTerminated);
    completed = Optional.of(rest);
    onCompleted.accept(this, rest);
    rest.start(timerJ);
  }

  @Override
  public void receiveRetransmission() {
    if (state != State.PROCEEDING) return;
    ctx.observer().onRetransmission(false, request.method());
    if (!channel.send(lastResponse.orElseThrow())) transportFailed();
  }

  private void transportFailed() {
    if (state == State.TERMINATED) return;
    terminate();
    ctx.observer().onTransportError(false, request.method());
    onTransportError.accept(this);
  }

  private void terminate() {
    if (state == State.TERMINATED) return;
    state = State.TERMINATED;
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
    return state == State.TERMINATED || completed.map(CompletedNonInviteServerTransaction::isTerminated).orElse(false);
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
    String branch = request.topVia().branch().orElse("(no branch)");
    return request.method() + " server transaction " + branch + " " + (isTerminated() ? State.TERMINATED : state);
  }
}
