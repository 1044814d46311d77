package io.ramal.sip.transaction;

import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.SipMessage;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.message.Via;
import io.ramal.sip.transport.Outbound;
import io.ramal.sip.transport.Peer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The transaction layer of RFC 3261 §17 (with RFC 6026): matches responses to client transactions
 * (§17.1.3) and requests to server transactions (§17.2.3), answers CANCEL, and keeps the live
 * transactions. A transaction in its Completed (or Confirmed) state is kept only as what that state
 * still needs: its key, and the final response or the ACK in wire form with its destination. Pure:
 * no sockets, threads or clock; every method is called on one serial executor, and the {@link
 * Scheduler} runs timer tasks on that executor too.
 */
public final class TransactionLayer {
  private static final ClientTransaction.Listener CANCEL_LISTENER = new ClientTransaction.Listener() {
    @Override
    public void onResponse(ClientTransaction tx, SipResponse response) {}

    @Override
    public void onTimeout(ClientTransaction tx) {}

    @Override
    public void onTransportError(ClientTransaction tx) {}
  };

  private final TransactionContext ctx;
  private final TransactionUser tu;
  private final Map<TransactionKey, ClientRecord> clients = new HashMap<>();
  private final Map<ServerKey, ServerRecord> servers = new HashMap<>();
  private final Map<AckKey, InviteServerTransaction> invitesByAckKey = new HashMap<>();

  public TransactionLayer(Outbound out, Scheduler scheduler, TimerSettings timers, TransactionUser tu,
      TransactionObserver observer) {
    this.ctx = new TransactionContext(out, scheduler, timers, observer);
    this.tu = tu;
  }

  /**
   * Starts a client transaction. The request must carry a top Via with an RFC 3261 branch
   * (z9hG4bK…); the layer does not add it. ACK must not be sent this way. A transport failure of
   * the first send is reported to the listener after this method returned.
   *
   * @throws IllegalArgumentException for an ACK or a request without an RFC 3261 branch
   * @throws IllegalStateException when a live client transaction has the same branch and method
   */
  public ClientTransaction send(SipRequest request, Peer to, ClientTransaction.Listener listener) {
    if (request.isMethod("ACK")) throw new IllegalArgumentException("ACK is sent with sendStateless");
    if (!request.headers().has(HeaderNames.VIA) || !request.topVia().isRfc3261Branch()) {
      throw new IllegalArgumentException("request needs a top Via with a z9hG4bK branch");
    }
    TransactionKey key = TransactionKey.client(request.topVia().branch().orElseThrow(), request.method());
    if (clients.containsKey(key)) throw new IllegalStateException("a transaction with this branch is live: " + key);
    BiConsumer<ActiveClientTransaction, ClientRecord> onCompleted = (live, rest) -> clients.replace(key, live, rest);
    Consumer<ClientRecord> onTerminated = ended -> clients.remove(key, ended);
    ActiveClientTransaction tx = request.isMethod("INVITE")
        ? new InviteClientTransaction(ctx, request, to, listener, cancel -> sendCancel(cancel, to), onCompleted,
            onTerminated)
        : new NonInviteClientTransaction(ctx, request, to, listener, onCompleted, onTerminated);
    clients.put(key, tx);
    ctx.observer().onCreated(true, request.method());
    tx.start();
    return tx;
  }

  /** The CANCEL a client INVITE asked for, unless the TU already sent one for that branch itself. */
  private void sendCancel(SipRequest cancel, Peer to) {
    if (clients.containsKey(TransactionKey.client(cancel.topVia().branch().orElseThrow(), "CANCEL"))) return;
    send(cancel, to, CANCEL_LISTENER);
  }

  /** Sends a message outside any transaction (ACK for 2xx, a stateless response). */
  public boolean sendStateless(SipMessage message, Peer to) {
    return ctx.out().send(message, to);
  }

  /** Entry point for every parsed message from the transports. */
  public void receive(SipMessage message, Peer from) {
    switch (message) {
      case SipResponse response -> receiveResponse(response, from);
      case SipRequest request -> receiveRequest(request, from);
    }
  }

  /** Live transactions (client + server), for leak checks and metrics. */
  public int size() {
    return clients.size() + servers.size();
  }

  /** True when nothing is kept at all, indexes included (leak checks in tests). */
  boolean holdsNothing() {
    return clients.isEmpty() && servers.isEmpty() && invitesByAckKey.isEmpty();
  }

  private void receiveResponse(SipResponse response, Peer from) {
    Optional<String> branch = response.headers().has(HeaderNames.VIA) ? response.topVia().branch() : Optional.empty();
    ClientRecord tx = branch
        .map(b -> clients.get(TransactionKey.client(b, response.cseq().method())))
        .orElse(null);
    if (tx == null || !tx.receive(response)) tu.onStrayResponse(response, from);
  }

  private void receiveRequest(SipRequest request, Peer from) {
    if (!request.headers().has(HeaderNames.VIA)) return; // no way to answer; the inbound pipeline rejects these
    switch (request.method()) {
      case "ACK" -> receiveAck(request, from);
      case "CANCEL" -> receiveCancel(request, from);
      default -> receiveNewOrRetransmitted(request, from);
    }
  }

  private void receiveNewOrRetransmitted(SipRequest request, Peer from) {
    ServerKey key = ServerKey.of(request);
    ServerRecord existing = servers.get(key);
    if (existing != null) {
      existing.receiveRetransmission();
      return;
    }
    ActiveServerTransaction tx;
    if (request.isMethod("INVITE")) {
      AckKey ackKey = AckKey.of(request);
      InviteServerTransaction invite = new InviteServerTransaction(ctx, request, from, tu,
          (live, rest) -> {
            invitesByAckKey.remove(ackKey, live);
            servers.replace(key, live, rest);
          },
          ended -> {
            servers.remove(key, ended);
            invitesByAckKey.remove(ackKey, ended);
          });
      invitesByAckKey.putIfAbsent(ackKey, invite);
      tx = invite;
    } else {
      tx = new NonInviteServerTransaction(ctx, request, from, tu::onTransportError,
          (live, rest) -> servers.replace(key, live, rest), ended -> servers.remove(key, ended));
    }
    servers.put(key, tx);
    ctx.observer().onCreated(false, request.method());
    tu.onRequest(tx);
  }

  private void receiveAck(SipRequest ack, Peer from) {
    switch (servers.get(ServerKey.of(ack))) {
      case InviteServerTransaction invite -> {
        if (invite.receiveAck()) tu.onAck(ack, from);
        return;
      }
      case CompletedInviteServerTransaction rejected -> {
        rejected.receiveAck();
        return;
      }
      case null, default -> {}
    }
    InviteServerTransaction accepted = invitesByAckKey.get(AckKey.of(ack));
    if (accepted != null && accepted.isAccepted()) accepted.receiveAck();
    tu.onAck(ack, from);
  }

  private void receiveCancel(SipRequest cancel, Peer from) {
    ServerKey key = ServerKey.of(cancel);
    ServerRecord existing = servers.get(key);
    if (existing != null) {
      existing.receiveRetransmission();
      return;
    }
    NonInviteServerTransaction tx = new NonInviteServerTransaction(ctx, cancel, from, ignored -> {},
        (live, rest) -> servers.replace(key, live, rest), ended -> servers.remove(key, ended));
    servers.put(key, tx);
    ctx.observer().onCreated(false, "CANCEL");
    switch (servers.get(key.withMethod("INVITE"))) {
      case InviteServerTransaction invite -> {
        String tag = invite.lastResponse().flatMap(r -> r.to().tag()).orElseGet(() -> fallbackTag(cancel));
        tx.respond(SipResponse.to(cancel, 200, tag));
        if (invite.awaitsFinalResponse()) tu.onCancel(invite);
      }
      case CompletedInviteServerTransaction rejected ->
          tx.respond(SipResponse.to(cancel, 200, rejected.toTag().orElseGet(() -> fallbackTag(cancel))));
      case AcceptedInviteServerTransaction accepted ->
          tx.respond(SipResponse.to(cancel, 200, accepted.toTag().orElseGet(() -> fallbackTag(cancel))));
      case null, default -> tx.respond(SipResponse.to(cancel, 481, fallbackTag(cancel)));
    }
  }

  /** A To tag for a CANCEL answered before the INVITE got a tagged response; stable per CANCEL. */
  private static String fallbackTag(SipRequest cancel) {
    Via via = cancel.topVia();
    long h = 31L * via.branch().orElse(via.toString()).hashCode() + cancel.callId().hashCode();
    return "c" + Long.toUnsignedString(h & 0xffffffffffL, 36);
  }
}
