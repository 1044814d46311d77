package io.ramal.sip.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a decoded header section into the start line and header fields, unfolding continuation
 * lines (RFC 3261 §7.3.1). Handles any text; {@link AsciiLines} is the same reading for the
 * common all-ASCII section, straight from the bytes.
 */
final class TextLines {
  private TextLines() {}

  /** Reads {@code head} (from the start line to the blank line) into {@code section}. */
  static void read(String head, HeaderSection section) {
    List<String> lines = unfold(head);
    section.startLine(lines.get(0));
    for (int i = 1; i < lines.size(); i++) section.fields.add(headerLine(lines.get(i)));
  }

  private static List<String> unfold(String head) {
    List<String> lines = new ArrayList<>(20);
    StringBuilder current = null;
    int i = 0;
    int n = head.length();
    while (i < n) {
      int nl = head.indexOf('\n', i);
      if (nl < 0) nl = n;
      int lineEnd = nl > i && head.charAt(nl - 1) == '\r' ? nl - 1 : nl;
      String line = head.substring(i, lineEnd);
      i = nl + 1;
      if (line.isEmpty()) break;
      if (Grammar.isWs(line.charAt(0))) {
        if (current == null || current.length() == 0) throw new MalformedException("folded start line");
        int k = 0;
        while (k < line.length() && Grammar.isWs(line.charAt(k))) k++;
        current.append(' ').append(line, k, line.length());
      } else if (lines.isEmpty() && current == null) {
        lines.add(line);
        current = new StringBuilder();
      } else {
        if (current.length() > 0) lines.add(current.toString());
        current = new StringBuilder(line);
      }
    }
    if (current != null && current.length() > 0) lines.add(current.toString());
    if (lines.isEmpty()) throw new MalformedException("empty message");
    return lines;
  }

  /** One unfolded header line to its field; the name canonical, the value stripped. */
  static Header headerLine(String line) {
    int colon = line.indexOf(':');
    if (colon <= 0) throw new MalformedException("header line without a name and colon: " + Snippet.of(line));
    int ne = colon;
    while (ne > 0 && Grammar.isWs(line.charAt(ne - 1))) ne--;
    String name = line.substring(0, ne);
    if (!Grammar.isToken(name)) throw new MalformedException("bad header name: " + Snippet.of(name));
    String value = line.substring(colon + 1).strip();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < ' ' && c != '\t' && !(c == 0 || c == 7)) {
        // NUL and BEL appear legally inside quoted strings (RFC 4475 intmeth); others do not.
        throw new MalformedException("control character in " + Snippet.of(name));
      }
    }
    return new Header(HeaderNames.canonical(name), value);
  }
}
