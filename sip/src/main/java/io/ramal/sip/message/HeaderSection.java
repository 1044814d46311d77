package io.ramal.sip.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The start line and header fields of a message as far as a lexer ({@link AsciiLines},
 * {@link TextLines}) has read them; what is here when a lexer throws still goes into the
 * {@link ParseResult.Malformed} answer.
 */
final class HeaderSection {
  String startLine;
  boolean request;
  final List<Header> fields = new ArrayList<>(16);
  /** Where the LFs of the section are, in order, the blank line's last (see {@link SipParser#headerEnd}). */
  private int[] lfs = new int[32];
  private int lfCount;

  void addLf(int index) {
    if (lfCount == lfs.length) lfs = Arrays.copyOf(lfs, lfCount * 2);
    lfs[lfCount++] = index;
  }

  /** The index of the {@code n}th LF, counting from 0. */
  int lf(int n) {
    return lfs[n];
  }

  void startLine(String line) {
    startLine = line;
    request = !line.startsWith("SIP/");
  }
}
