package io.ramal.sip.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Shared instances of the tokens nearly every message repeats (methods, transports, common
 * parameter names and values), so reading them does not allocate. Matching is exact: a token
 * spelled differently is copied as written.
 */
final class Tokens {
  private Tokens() {}

  /** The tokens by their first character; most text (tags, branches, hosts) misses at once. */
  private static final String[][] BY_FIRST = new String[128][];
  private static final int LONGEST;

  static {
    List<List<String>> byFirst = new ArrayList<>();
    for (int i = 0; i < BY_FIRST.length; i++) byFirst.add(new ArrayList<>());
    int longest = 0;
    for (String t : new String[] {
        "INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "PRACK", "SUBSCRIBE", "NOTIFY",
        "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE", "SIP", "2.0", "UDP", "TCP", "TLS", "SCTP",
        "WS", "WSS", "sip", "sips", "tel", "branch", "rport", "received", "tag", "transport", "lr",
        "expires", "maddr", "ttl", "user", "q", "ob", "reg-id", "+sip.instance", "udp", "tcp", "tls",
        "ws", "wss", "phone", "method"}) {
      byFirst.get(t.charAt(0)).add(t);
      longest = Math.max(longest, t.length());
    }
    for (int i = 0; i < BY_FIRST.length; i++) {
      if (!byFirst.get(i).isEmpty()) BY_FIRST[i] = byFirst.get(i).toArray(String[]::new);
    }
    LONGEST = longest;
  }

  /** {@code s.substring(from, to)}, or the shared instance when it is a common token. */
  static String of(String s, int from, int to) {
    int n = to - from;
    if (n > 0 && n <= LONGEST) {
      char first = s.charAt(from);
      String[] candidates = first < BY_FIRST.length ? BY_FIRST[first] : null;
      if (candidates != null) {
        for (String t : candidates) if (t.length() == n && same(t, s, from)) return t;
      }
    }
    return s.substring(from, to);
  }

  private static boolean same(String token, String s, int from) {
    for (int i = 1; i < token.length(); i++) if (token.charAt(i) != s.charAt(from + i)) return false;
    return true;
  }
}
