package io.ramal.sip.transaction;

import io.ramal.sip.message.Via;
import java.util.Locale;

/**
 * Identity of an RFC 3261 transaction: branch (compared case-insensitively), sent-by (server side
 * only; empty for client transactions, §17.1.3) and method (ACK already mapped to INVITE).
 */
record TransactionKey(String branch, String sentBy, String method) implements ServerKey {

  static TransactionKey client(String branch, String method) {
    return new TransactionKey(branch.toLowerCase(Locale.ROOT), "", method);
  }

  static TransactionKey server(Via via, String method) {
    String branch = via.branch().orElseThrow(() -> new IllegalArgumentException("Via without branch"));
    String sentBy = via.host().toLowerCase(Locale.ROOT) + (via.port() >= 0 ? ":" + via.port() : "");
    return new TransactionKey(branch.toLowerCase(Locale.ROOT), sentBy, method);
  }

  @Override
  public TransactionKey withMethod(String newMethod) {
    return new TransactionKey(branch, sentBy, newMethod);
  }
}
