package io.ramal.sip.message;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
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

  private static final Map<String, String> CANONICAL = new HashMap<>();
  private static final Set<String> LISTS = Set.of(
      VIA, CONTACT, ROUTE, RECORD_ROUTE, ALLOW, SUPPORTED, REQUIRE, PROXY_REQUIRE, UNSUPPORTED,
      ACCEPT, "Accept-Encoding", "Accept-Language", "Content-Encoding", "Path", "Allow-Events",
      "Call-Info", "Alert-Info", "Error-Info", "In-Reply-To", WARNING, REASON, "P-Asserted-Identity",
      "Service-Route");

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
      CANONICAL.put(n.toLowerCase(Locale.ROOT), n);
    }
    String[][] compact = {
        {"i", CALL_ID}, {"m", CONTACT}, {"e", "Content-Encoding"}, {"l", CONTENT_LENGTH},
        {"c", CONTENT_TYPE}, {"f", FROM}, {"s", "Subject"}, {"k", SUPPORTED}, {"t", TO}, {"v", VIA},
        {"r", "Refer-To"}, {"b", "Referred-By"}, {"o", "Event"}, {"u", "Allow-Events"},
        {"x", "Session-Expires"}, {"a", "Accept-Contact"}, {"j", "Reject-Contact"},
        {"d", "Request-Disposition"}, {"y", "Identity"}, {"n", "Identity-Info"}};
    for (String[] c : compact) CANONICAL.put(c[0], c[1]);
  }

  /** The canonical spelling of a known name (compact forms expanded); unknown names as written. */
  public static String canonical(String name) {
    String known = CANONICAL.get(name.length() < 32 ? name.toLowerCase(Locale.ROOT) : name);
    return known != null ? known : name;
  }

  /** True for headers whose values are comma-separated lists (RFC 3261 §7.3.1). */
  public static boolean isList(String canonicalName) {
    return LISTS.contains(canonicalName);
  }
}
