package io.ramal.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/** Canonical spelling of header names, compact forms (RFC 3261 §7.3.3), and which are lists. */
public final class HeaderNames {
  private HeaderNames() {}

  public static final String VIA = "Via";
  public static final String FROM = "From";
  public static final String TO = "To";
  public static final String CALL_ID = "Call-ID";
  public static final String CSEQ = "CSeq";
  public static final String CONTACT = "Contact";
  public static final String MAX_FORWARDS = "Max-Forwards";
  public static final String CONTENT_LENGTH = "Content-Length";
  public static final String CONTENT_TYPE = "Content-Type";
  public static final String ROUTE = "Route";
  public static final String RECORD_ROUTE = "Record-Route";
  public static final String EXPIRES = "Expires";
  public static final String MIN_EXPIRES = "Min-Expires";
  public static final String AUTHORIZATION = "Authorization";
  public static final String PROXY_AUTHORIZATION = "Proxy-Authorization";
  public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  public static final String PROXY_AUTHENTICATE = "Proxy-Authenticate";
  public static final String ALLOW = "Allow";
  public static final String SUPPORTED = "Supported";
  public static final String REQUIRE = "Require";
  public static final String PROXY_REQUIRE = "Proxy-Require";
  public static final String UNSUPPORTED = "Unsupported";
  public static final String USER_AGENT = "User-Agent";
  public static final String SERVER = "Server";
  public static final String DATE = "Date";
  public static final String ACCEPT = "Accept";
  public static final String REASON = "Reason";
  public static final String RETRY_AFTER = "Retry-After";
  public static final String WARNING = "Warning";

  private static final Set<String> LISTS = Set.of(
      VIA, CONTACT, ROUTE, RECORD_ROUTE, ALLOW, SUPPORTED, REQUIRE, PROXY_REQUIRE, UNSUPPORTED,
      ACCEPT, "Accept-Encoding", "Accept-Language", "Content-Encoding", "Path", "Allow-Events",
      "Call-Info", "Alert-Info", "Error-Info", "In-Reply-To", WARNING, REASON, "P-Asserted-Identity",
      "Service-Route");

  /**
   * Known names by the case-folded hash of their spelling, open addressing. The canonical strings
   * are literals, so every message names a known header with the same (interned) instance.
   */
  private static final String[] KNOWN = new String[256];
  /** The spelling of each {@link #KNOWN} name as bytes, at the same index. */
  private static final byte[][] KNOWN_BYTES = new byte[KNOWN.length][];
  /** The same names by {@link String#hashCode}, which constants have cached, for {@link #isKnownInstance}. */
  private static final String[] INSTANCES = new String[256];
  /** Compact forms (RFC 3261 §7.3.3) by their lower-case letter. */
  private static final String[] COMPACT = new String[128];
  /** Names this long or longer are never known (the longest known one is far shorter). */
  private static final int MAX_KNOWN = 32;

  static {
    for (String n : new String[] {
        VIA, FROM, TO, CALL_ID, CSEQ, CONTACT, MAX_FORWARDS, CONTENT_LENGTH, CONTENT_TYPE, ROUTE,
        RECORD_ROUTE, EXPIRES, MIN_EXPIRES, AUTHORIZATION, PROXY_AUTHORIZATION, WWW_AUTHENTICATE,
        PROXY_AUTHENTICATE, ALLOW, SUPPORTED, REQUIRE, PROXY_REQUIRE, UNSUPPORTED, USER_AGENT, SERVER,
        DATE, ACCEPT, REASON, RETRY_AFTER, WARNING, "Accept-Encoding", "Accept-Language",
        "Content-Encoding", "Content-Disposition", "Content-Language", "Subject", "Event",
        "Refer-To", "Referred-By", "Replaces", "Allow-Events", "Session-Expires", "Min-SE",
        "P-Asserted-Identity", "P-Preferred-Identity", "Call-Info", "Alert-Info", "Error-Info",
        "Organization", "Priority", "Timestamp", "In-Reply-To", "MIME-Version", "Path", "RSeq",
        "RAck", "Privacy", "Reply-To", "Subscription-State", "Service-Route", "Identity",
        "Identity-Info", "Accept-Contact", "Reject-Contact", "Request-Disposition",
        "Authentication-Info"}) {
      int i = hash(n, 0, n.length()) & (KNOWN.length - 1);
      while (KNOWN[i] != null) i = (i + 1) & (KNOWN.length - 1);
      KNOWN[i] = n;
      KNOWN_BYTES[i] = n.getBytes(StandardCharsets.US_ASCII);
      int j = n.hashCode() & (INSTANCES.length - 1);
      while (INSTANCES[j] != null) j = (j + 1) & (INSTANCES.length - 1);
      INSTANCES[j] = n;
    }
    String[][] compact = {
        {"i", CALL_ID}, {"m", CONTACT}, {"e", "Content-Encoding"}, {"l", CONTENT_LENGTH},
        {"c", CONTENT_TYPE}, {"f", FROM}, {"s", "Subject"}, {"k", SUPPORTED}, {"t", TO}, {"v", VIA},
        {"r", "Refer-To"}, {"b", "Referred-By"}, {"o", "Event"}, {"u", "Allow-Events"},
        {"x", "Session-Expires"}, {"a", "Accept-Contact"}, {"j", "Reject-Contact"},
        {"d", "Request-Disposition"}, {"y", "Identity"}, {"n", "Identity-Info"}};
    for (String[] c : compact) COMPACT[c[0].charAt(0)] = known(c[1], 0, c[1].length());
  }

  /** The canonical spelling of a known name (compact forms expanded); unknown names as written. */
  public static String canonical(String name) {
    String known = known(name, 0, name.length());
    return known != null ? known : name;
  }

  /**
   * The canonical spelling of the name {@code s[from, to)} when it is known, else null. Compares
   * as {@link String#toLowerCase(Locale)} with {@link Locale#ROOT} would, without allocating.
   */
  static String known(String s, int from, int to) {
    int n = to - from;
    if (n >= MAX_KNOWN || n == 0) return null;
    for (int i = from; i < to; i++) {
      // Outside ASCII, lower-casing is not a per-char fold (U+212A KELVIN SIGN becomes 'k').
      if (s.charAt(i) >= 128) return knownByLowerCase(s.substring(from, to));
    }
    if (n == 1) return COMPACT[lower(s.charAt(from))];
    for (int i = hash(s, from, to) & (KNOWN.length - 1); KNOWN[i] != null; i = (i + 1) & (KNOWN.length - 1)) {
      String k = KNOWN[i];
      if (k.length() == n && k.regionMatches(true, 0, s, from, n)) return k;
    }
    return null;
  }

  /** True when {@code name} is the very instance {@link #canonical} gives for a known name. */
  static boolean isKnownInstance(String name) {
    for (int i = name.hashCode() & (INSTANCES.length - 1); INSTANCES[i] != null; i = (i + 1) & (INSTANCES.length - 1)) {
      if (INSTANCES[i] == name) return true;
    }
    return false;
  }

  /**
   * As {@link #known(String, int, int)} for the ASCII bytes {@code b[from, to)}, whose
   * {@link #hashStep} hash the caller has computed.
   */
  static String known(byte[] b, int from, int to, int hash) {
    int n = to - from;
    if (n == 1) {
      int c = lower(b[from]);
      return c >= 0 && c < COMPACT.length ? COMPACT[c] : null;
    }
    if (n >= MAX_KNOWN || n == 0) return null;
    for (int i = hash & (KNOWN.length - 1); KNOWN[i] != null; i = (i + 1) & (KNOWN.length - 1)) {
      byte[] k = KNOWN_BYTES[i];
      if (k.length == n && (Arrays.equals(k, 0, n, b, from, to) || sameIgnoringAsciiCase(k, b, from))) return KNOWN[i];
    }
    return null;
  }

  /** One step of the case-blind hash of a name, for the next ASCII byte {@code b}. */
  static int hashStep(int hash, byte b) {
    return 31 * hash + lower(b);
  }

  private static String knownByLowerCase(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) if (lower.charAt(i) >= 128) return null;
    return known(lower, 0, lower.length());
  }

  private static boolean sameIgnoringAsciiCase(byte[] k, byte[] b, int from) {
    for (int i = 0; i < k.length; i++) if (lower(k[i]) != lower(b[from + i])) return false;
    return true;
  }

  private static int hash(String s, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) h = 31 * h + lower(s.charAt(i));
    return h;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  private static int lower(byte c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  /** True for headers whose values are comma-separated lists (RFC 3261 §7.3.1). */
  public static boolean isList(String canonicalName) {
    return LISTS.contains(canonicalName);
  }
}
