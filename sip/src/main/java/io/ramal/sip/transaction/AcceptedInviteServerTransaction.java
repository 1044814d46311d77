package io.ramal.sip.transaction;

import io.ramal.sip.message.Address;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What is left of an INVITE server transaction once its 2xx was acknowledged (RFC 6026 Accepted
 * state, until Timer L): retransmissions of the INVITE are absorbed and a late CANCEL is answered
 * with the 2xx's To tag. It keeps that To header only; nothing here leads to the INVITE, the
 * responses or the {@link ServerTransaction} the TU was handed, so a finished call is not kept
 * alive for the 64*T1 the key must still be remembered.
 */
final class AcceptedInviteServerTransaction implements ServerRecord {
  private final TransactionContext ctx;
  private final Optional<String> to;
  private final Consumer<ServerRecord> onTerminated;
  private boolean terminated;

  AcceptedInviteServerTransaction(TransactionContext ctx, Optional<String> to, Consumer<ServerRecord> onTerminated) {
    this.ctx = ctx;
    this.to = to;
    this.onTerminated = onTerminated;
  }

  @Override
  public void receiveRetransmission() {
    // absorbed: the 2xx was acknowledged, nothing is left to resend
  }

  /** The To tag of the 2xx. */
  Optional<String> toTag() {
    return to.flatMap(value -> Address.parse(value).tag());
  }

  /** Timer L: the key is forgotten. */
  void timerLFired() {
    if (terminated) return;
    terminated = true;
    ctx.observer().onTerminated(false, "INVITE");
    onTerminated.accept(this);
  }

  boolean isTerminated() {
    return terminated;
  }

  @Override
  public String toString() {
    return "INVITE server transaction " + (terminated ? "TERMINATED" : "ACCEPTED (acknowledged)");
  }
}
