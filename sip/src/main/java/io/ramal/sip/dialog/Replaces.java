package io.ramal.sip.dialog;

import java.util.Locale;
import java.util.Objects;

/**
 * The value of a Replaces header (RFC 3891 §6.1): the dialog a new INVITE is to take the place
 * of, named by its Call-ID and tags as the UA receiving the INVITE sees them ({@code to-tag} is
 * that UA's own tag, {@code from-tag} its peer's), and whether only an early dialog may be
 * replaced ({@code early-only}).
 *
 * <pre>
 * Replaces        = "Replaces" HCOLON callid *(SEMI replaces-param)
 * replaces-param  = to-tag / from-tag / early-flag / generic-param
 * to-tag          = "to-tag" EQUAL token
 * from-tag        = "from-tag" EQUAL token
 * early-flag      = "early-only"
 * </pre>
 *
 * Exactly one {@code to-tag} and one {@code from-tag} are required (§6.1). Other parameters are
 * allowed and not kept: {@code parse(toString())} returns an equal value.
 */
public record Replaces(String callId, String toTag, String fromTag, boolean earlyOnly) {
  public Replaces {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(toTag, "toTag");
    Objects.requireNonNull(fromTag, "fromTag");
    if (!isCallId(callId)) throw new IllegalArgumentException("not a Call-ID: " + callId);
    if (!isToken(toTag)) throw new IllegalArgumentException("to-tag is not a token: " + toTag);
    if (!isToken(fromTag)) throw new IllegalArgumentException("from-tag is not a token: " + fromTag);
  }

  /**
   * Parses a Replaces header value (linear white space around {@code ;} and {@code =} allowed).
   *
   * @throws IllegalArgumentException when it does not follow the grammar above
   */
  public static Replaces parse(CharSequence text) {
    String[] parts = text.toString().split(";", -1);
    String callId = parts[0].strip();
    String toTag = null;
    String fromTag = null;
    boolean earlyOnly = false;
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].strip();
      int eq = param.indexOf('=');
      String name = (eq < 0 ? param : param.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? null : param.substring(eq + 1).strip();
      if (name.isEmpty() || !isToken(name)) throw new IllegalArgumentException("bad Replaces parameter: '" + param + "'");
      switch (name) {
        case "to-tag" -> toTag = once(toTag, value, name);
        case "from-tag" -> fromTag = once(fromTag, value, name);
        case "early-only" -> {
          if (value != null) throw new IllegalArgumentException("early-only takes no value");
          earlyOnly = true;
        }
        default -> {
          if (value != null && value.isEmpty()) throw new IllegalArgumentException("empty value of " + name);
        }
      }
    }
    if (toTag == null || fromTag == null) {
      throw new IllegalArgumentException("Replaces needs a to-tag and a from-tag: " + text);
    }
    return new Replaces(callId, toTag, fromTag, earlyOnly);
  }

  private static String once(String seen, String value, String name) {
    if (seen != null) throw new IllegalArgumentException("more than one " + name);
    if (value == null || value.isEmpty()) throw new IllegalArgumentException(name + " without a value");
    return value;
  }

  /**
   * The dialog named, as the UA receiving the INVITE (or asked to act on it) keeps it: the
   * {@code to-tag} is its local tag and the {@code from-tag} the remote one, as if both were the
   * tags of a request arriving in the dialog (RFC 3891 §3).
   */
  public DialogId dialog() {
    return new DialogId(callId, toTag, fromTag);
  }

  @Override
  public String toString() {
    return callId + ";to-tag=" + toTag + ";from-tag=" + fromTag + (earlyOnly ? ";early-only" : "");
  }

  /** {@code callid = word [ "@" word ]} (RFC 3261 §25.1). */
  private static boolean isCallId(String s) {
    int at = s.indexOf('@');
    if (at < 0) return isWord(s);
    return isWord(s.substring(0, at)) && isWord(s.substring(at + 1));
  }

  private static boolean isWord(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(isAlphaNum(c) || "-.!%*_+`'~()<>:\\\"/[]?{}".indexOf(c) >= 0)) return false;
    }
    return true;
  }

  private static boolean isToken(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(isAlphaNum(c) || "-.!%*_+`'~".indexOf(c) >= 0)) return false;
    }
    return true;
  }

  private static boolean isAlphaNum(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }
}
