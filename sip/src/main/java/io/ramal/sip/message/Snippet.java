package io.ramal.sip.message;

/** Shortens hostile input before it goes into an error reason or a log line. */
public final class Snippet {
  private Snippet() {}

  public static String of(CharSequence s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 64));
    for (int i = 0; i < s.length() && b.length() < 60; i++) {
      char c = s.charAt(i);
      b.append(c >= ' ' && c < 127 ? c : '?');
    }
    if (s.length() > 60) b.append("...");
    return b.toString();
  }
}
