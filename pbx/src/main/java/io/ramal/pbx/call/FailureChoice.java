package io.ramal.pbx.call;

import io.ramal.sip.message.SipResponse;
import java.util.List;

/** Which of the forks' final failures the caller hears. */
final class FailureChoice {
  private FailureChoice() {}

  /** RFC 3261 §16.7 in spirit: 6xx first, then busy, then the lowest other class. */
  static SipResponse best(List<Fork> forks) {
    SipResponse best = null;
    for (Fork f : forks) {
      SipResponse r = f.finalResponse.orElse(null);
      if (r == null || r.isSuccess()) continue;
      if (best == null || rank(r) < rank(best)) best = r;
    }
    return best;
  }

  private static int rank(SipResponse r) {
    if (r.status() >= 600) return 0;
    if (r.status() == 486) return 1;
    if (r.status() == 487) return 9;
    return 2 + r.status() / 100;
  }

}
