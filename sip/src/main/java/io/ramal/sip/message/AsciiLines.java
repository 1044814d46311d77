package io.ramal.sip.message;

import java.nio.charset.StandardCharsets;

/**
 * The reading of {@link TextLines} for a header section that is all ASCII, done on the bytes:
 * no decoded copy of the section, no String per line, and known header names mapped to their
 * canonical constants without allocating. Folded fields (rare) are unfolded by
 * {@link TextLines#headerLine}, so both readings give the same fields and the same errors.
 */
final class AsciiLines {
  private AsciiLines() {}

  /**
   * Reads {@code d[from, to)}, which runs from the start line through the blank line, and whose
   * LFs {@link SipParser#headerEnd(byte[], int, int, HeaderSection)} has noted in {@code section}.
   */
  static void read(byte[] d, int from, int to, HeaderSection section) {
    int line = 0;
    int lf = section.lf(line++);
    int pos = lf + 1;
    if (Grammar.isWs((char) d[from]) || pos < to && isWs(d[pos])) throw new MalformedException("folded start line");
    section.startLine(text(d, from, lineEnd(d, from, lf)));
    while (true) {
      lf = section.lf(line++);
      int end = lineEnd(d, pos, lf);
      if (end == pos) return;
      int next = lf + 1;
      if (next < to && isWs(d[next])) {
        StringBuilder folded = new StringBuilder(end - pos + 64).append(text(d, pos, end));
        do {
          int clf = section.lf(line++);
          int cend = lineEnd(d, next, clf);
          int k = next;
          while (k < cend && isWs(d[k])) k++;
          folded.append(' ').append(text(d, k, cend));
          next = clf + 1;
        } while (next < to && isWs(d[next]));
        section.fields.add(TextLines.headerLine(folded.toString()));
      } else {
        section.fields.add(headerLine(d, pos, end));
      }
      pos = next;
    }
  }

  /** The end of the line whose LF is at {@code lf}, before one CR. */
  private static int lineEnd(byte[] d, int start, int lf) {
    return lf > start && d[lf - 1] == '\r' ? lf - 1 : lf;
  }

  private static Header headerLine(byte[] d, int start, int end) {
    int colon = start;
    while (colon < end && d[colon] != ':') colon++;
    if (colon == end || colon == start) {
      throw new MalformedException("header line without a name and colon: " + Snippet.of(text(d, start, end)));
    }
    int ne = colon;
    while (ne > start && isWs(d[ne - 1])) ne--;
    int hash = 0;
    for (int i = start; i < ne; i++) {
      byte b = d[i];
      if (!Grammar.isToken((char) b)) {
        throw new MalformedException("bad header name: " + Snippet.of(text(d, start, ne)));
      }
      hash = HeaderNames.hashStep(hash, b);
    }
    int vs = colon + 1;
    int ve = end;
    while (vs < ve && isWhitespace(d[vs])) vs++;
    while (ve > vs && isWhitespace(d[ve - 1])) ve--;
    for (int i = ByteScan.nextControl(d, vs, ve); i < ve; i = ByteScan.nextControl(d, i + 1, ve)) {
      byte c = d[i];
      if (c != '\t' && c != 0 && c != 7) {
        // NUL and BEL appear legally inside quoted strings (RFC 4475 intmeth); others do not.
        throw new MalformedException("control character in " + Snippet.of(text(d, start, ne)));
      }
    }
    String name = HeaderNames.known(d, start, ne, hash);
    return new Header(name != null ? name : text(d, start, ne), text(d, vs, ve));
  }

  private static boolean isWs(byte b) {
    return b == ' ' || b == '\t';
  }

  /** {@link Character#isWhitespace} for an ASCII byte, as {@link String#strip} applies it. */
  private static boolean isWhitespace(byte b) {
    return b == ' ' || b >= '\t' && b <= '\r' || b >= 0x1c && b <= 0x1f;
  }

  private static String text(byte[] d, int from, int to) {
    return from == to ? "" : new String(d, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
