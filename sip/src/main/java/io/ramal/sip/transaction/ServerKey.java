package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.Via;

/**
 * How a request finds its server transaction (RFC 3261 §17.2.3): by branch, sent-by and method
 * when the top Via carries an RFC 3261 branch, otherwise by the RFC 2543 fields. An ACK looks for
 * its INVITE transaction; a CANCEL is a transaction of its own, whose INVITE is found with {@link
 * #withMethod}.
 */
sealed interface ServerKey permits TransactionKey, Rfc2543Key {
  ServerKey withMethod(String method);

  static ServerKey of(SipRequest request) {
    Via via = request.topVia();
    String method = request.isMethod("ACK") ? "INVITE" : request.method();
    if (via.isRfc3261Branch()) return TransactionKey.server(via, method);
    return Rfc2543Key.of(request, via, method);
  }
}
