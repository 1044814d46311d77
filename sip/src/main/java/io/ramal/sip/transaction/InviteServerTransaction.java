package io.ramal.sip.transaction;

import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * INVITE server transaction (RFC 3261 §17.2.1 with the RFC 6026 Accepted state): Proceeding →
 * Completed (non-2xx; Timers G, H) → Confirmed (ACK; Timer I), or Proceeding → Accepted (2xx;
 * Timer L, 2xx retransmitted until the ACK as §13.3.1.4 asks of the UAS core) → Terminated. From
 * Completed on, the layer keeps a {@link CompletedInviteServerTransaction} in this one's place;
 * this object stays with the TU and follows it. Accepted stays here until the ACK (Timer L must
 * hand this object to {@link TransactionUser#onAckTimeout}); once acknowledged, the layer keeps an
 * {@link AcceptedInviteServerTransaction} instead, and Timer L goes to that.
 */
final class InviteServerTransaction implements ActiveServerTransaction {
  private enum State { PROCEEDING, COMPLETED, ACCEPTED, TERMINATED }

  private final TransactionContext ctx;
  private final SipRequest request;
  private final Peer peer;
  private final TransactionUser tu;
  private final BiConsumer<ActiveServerTransaction, ServerRecord> onCompleted;
  private final Consumer<ServerRecord> onTerminated;
  private final ResponseChannel channel;
  private final Retransmitter twoXxRetransmission;
  private final TimerSlot timerL;
  private State state = State.PROCEEDING;
  private Optional<SipResponse> lastResponse = Optional.empty();
  private Optional<CompletedInviteServerTransaction> completed = Optional.empty();
  private Optional<AcceptedInviteServerTransaction> acknowledged = Optional.empty();
  /** What Timer L runs: this transaction's check, or after the ACK the record that replaced it. */
  private final TimerTarget timerLTarget = new TimerTarget();

  /**
   * @param onCompleted the layer keeps the second argument in place of the first from now on
   * @param onTerminated the layer forgets the argument
   */
  InviteServerTransaction(TransactionContext ctx, SipRequest request, Peer peer, TransactionUser tu,
      BiConsumer<ActiveServerTransaction, ServerRecord> onCompleted, Consumer<ServerRecord> onTerminated) {
    this.ctx = ctx;
    this.request = request;
    this.peer = peer;
    this.tu = tu;
    this.onCompleted = onCompleted;
    this.onTerminated = onTerminated;
    this.channel = new ResponseChannel(ctx.out(), request, peer);
    this.twoXxRetransmission = new Retransmitter(ctx.scheduler(), this::resend2xx);
    this.timerL = new TimerSlot(ctx.scheduler());
  }

  @Override
  public void respond(SipResponse response) {
    if (state != State.PROCEEDING) {
      ctx.observer().onResponseIgnored("INVITE", response.status());
      return;
    }
    lastResponse = Optional.of(response);
    if (response.isProvisional()) {
      if (!channel.send(response)) transportFailed();
    } else if (response.isSuccess()) {
      state = State.ACCEPTED;
      timerLTarget.task = this::timerLFired;
      TimerTarget target = timerLTarget;
      timerL.set(ctx.timers().timeout(), () -> target.task.run());
      if (!reliable()) twoXxRetransmission.start(ctx.timers().t1(), ctx.timers().t2());
      if (!channel.send(response)) transportFailed();
    } else {
      reject(response);
    }
  }

  private void reject(SipResponse response) {
    byte[] wire = response.toBytes();
    if (!channel.sendEncoded(wire)) {
      transportFailed();
      return;
    }
    state = State.COMPLETED;
    CompletedInviteServerTransaction rest = new CompletedInviteServerTransaction(ctx, wire, channel,
        response.headers().first(HeaderNames.TO), reliable(), onTerminated);
    completed = Optional.of(rest);
    onCompleted.accept(this, rest);
    rest.start();
  }

  @Override
  public void receiveRetransmission() {
    if (state == State.PROCEEDING) lastResponse.ifPresent(this::resend);
  }

  /**
   * An ACK matched this transaction. Returns true when it acknowledges a 2xx and so belongs to the
   * TU as well; before any final response it is absorbed.
   */
  boolean receiveAck() {
    return switch (state) {
      case ACCEPTED -> {
        if (acknowledged.isEmpty()) handOverAfterAck();
        yield true;
      }
      case PROCEEDING, COMPLETED -> false;
      case TERMINATED -> true;
    };
  }

  /** The 2xx is acknowledged: from now on the layer keeps only the key and the To header. */
  private void handOverAfterAck() {
    twoXxRetransmission.stop();
    AcceptedInviteServerTransaction rest = new AcceptedInviteServerTransaction(ctx,
        lastResponse.flatMap(r -> r.headers().first(HeaderNames.TO)), onTerminated);
    acknowledged = Optional.of(rest);
    timerLTarget.task = rest::timerLFired;
    onCompleted.accept(this, rest);
  }

  boolean isAccepted() {
    return state == State.ACCEPTED;
  }

  /** True until a final response was sent (a CANCEL still has something to stop). */
  boolean awaitsFinalResponse() {
    return state == State.PROCEEDING;
  }

  private void resend2xx() {
    if (state == State.ACCEPTED) lastResponse.ifPresent(this::resend);
  }

  private void resend(SipResponse response) {
    ctx.observer().onRetransmission(false, "INVITE");
    if (!channel.send(response)) transportFailed();
  }

  private void timerLFired() {
    if (state != State.ACCEPTED) return;
    ctx.observer().onTimeout(false, "INVITE");
    terminate();
    tu.onAckTimeout(this);
  }

  private void transportFailed() {
    if (state == State.TERMINATED) return;
    terminate();
    ctx.observer().onTransportError(false, "INVITE");
    tu.onTransportError(this);
  }

  private void terminate() {
    if (state == State.TERMINATED) return;
    state = State.TERMINATED;
    twoXxRetransmission.stop();
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
    return state == State.TERMINATED || completed.map(CompletedInviteServerTransaction::isTerminated).orElse(false)
        || acknowledged.map(AcceptedInviteServerTransaction::isTerminated).orElse(false);
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
    String branch = request.topVia().branch().orElse("(no branch)");
    return "INVITE server transaction " + branch + " " + (isTerminated() ? State.TERMINATED : state);
  }

  /** A mutable hop between a pending timer and whoever owns it now. */
  private static final class TimerTarget {
    Runnable task = () -> {};
  }
}
