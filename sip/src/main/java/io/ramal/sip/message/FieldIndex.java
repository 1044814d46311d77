package io.ramal.sip.message;

import java.util.ArrayList;
import java.util.List;

/**
 * One pass over a parsed message's fields that counts the headers validation looks at and keeps
 * the first value of each. The lexers give known names as their canonical constants, so a
 * reference compare identifies a field.
 */
final class FieldIndex {
  static final int FROM = 0;
  static final int TO = 1;
  static final int CALL_ID = 2;
  static final int CSEQ = 3;
  static final int MAX_FORWARDS = 4;
  static final int CONTENT_LENGTH = 5;
  static final int CONTENT_TYPE = 6;
  static final int EXPIRES = 7;
  /** Slots below this one are headers that may appear once only, in the order they are checked. */
  static final int SINGLE_VALUED = 8;
  static final int VIA = 8;
  static final int DATE = 9;
  static final int RETRY_AFTER = 10;
  /** The headers every request and response must have, in the order they are checked. */
  static final int[] REQUIRED = {VIA, FROM, TO, CALL_ID, CSEQ};

  private static final String[] NAMES = {
      HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ, HeaderNames.MAX_FORWARDS,
      HeaderNames.CONTENT_LENGTH, HeaderNames.CONTENT_TYPE, HeaderNames.EXPIRES, HeaderNames.VIA,
      HeaderNames.DATE, HeaderNames.RETRY_AFTER};

  private final List<Header> fields;
  private final int[] counts = new int[NAMES.length];
  private final String[] firsts = new String[NAMES.length];

  FieldIndex(List<Header> fields) {
    this.fields = fields;
    for (int f = 0, n = fields.size(); f < n; f++) {
      Header h = fields.get(f);
      String name = h.name();
      for (int slot = 0; slot < NAMES.length; slot++) {
        if (NAMES[slot] != name) continue;
        if (counts[slot]++ == 0) firsts[slot] = h.value();
        break;
      }
    }
  }

  static String name(int slot) {
    return NAMES[slot];
  }

  int count(int slot) {
    return counts[slot];
  }

  /** The value of the first field in this slot, or null. */
  String first(int slot) {
    return firsts[slot];
  }

  /** The values of a list header (a canonical name), split at top-level commas. */
  List<String> values(String canonicalName) {
    List<String> out = null;
    for (int f = 0, n = fields.size(); f < n; f++) {
      Header h = fields.get(f);
      if (h.name() != canonicalName) continue;
      if (out == null) out = new ArrayList<>(2);
      Headers.splitList(h.value(), out);
    }
    return out == null ? List.of() : out;
  }
}
