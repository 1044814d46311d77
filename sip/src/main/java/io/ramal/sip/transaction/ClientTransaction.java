package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;

/** The sending side of a transaction (RFC 3261 §17.1), created by {@link TransactionLayer#send}. */
public interface ClientTransaction {
  SipRequest request();

  Peer peer();

  /** The top Via branch of the request, as sent. */
  String branch();

  boolean isTerminated();

  /**
   * INVITE only: sends CANCEL (§9.1: same Request-URI, Call-ID, From, To (without added tag), top
   * Via/branch, CSeq number, method CANCEL, Route headers copied, Max-Forwards) as its own
   * non-INVITE client transaction — but only once a provisional response arrived; if none yet,
   * remembers the wish and sends it on the first provisional; if a final response already came,
   * does nothing. Idempotent. If no final response follows within 64*T1 of the CANCEL, the INVITE
   * transaction ends with {@link Listener#onTimeout}.
   *
   * @throws IllegalStateException on a non-INVITE transaction
   */
  void cancel();

  /**
   * From now on the transaction's responses go to {@code next} instead of the listener given to
   * {@link TransactionLayer#send}, which it no longer holds. A TU whose call ended hands over an
   * INVITE transaction in the Accepted state (Timer M keeps it for 64*T1, every further 2xx goes
   * up) to a listener that keeps only what a late 2xx needs, so the call itself can be collected.
   */
  void handOver(Listener next);

  /** Receives what happens to one client transaction; called on the layer's executor. */
  interface Listener {
    /**
     * Every provisional and final response, once each (retransmitted non-2xx finals are absorbed);
     * for INVITE, every 2xx (including retransmissions and 2xx from other forks, RFC 6026 Accepted
     * state, Timer M) is passed up. A 2xx after a 300–699 goes to {@link
     * TransactionUser#onStrayResponse} instead: the completed transaction no longer holds the
     * listener.
     */
    void onResponse(ClientTransaction tx, SipResponse response);

    /** Timer B / F, or no final response within 64*T1 after a CANCEL. */
    void onTimeout(ClientTransaction tx);

    /** Outbound.send returned false; the transaction is terminated. */
    void onTransportError(ClientTransaction tx);
  }
}
