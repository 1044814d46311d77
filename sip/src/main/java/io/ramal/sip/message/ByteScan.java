package io.ramal.sip.message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Searches of raw message bytes, eight at a time (SWAR), for the framing the parser needs first. */
final class ByteScan {
  private ByteScan() {}

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
  private static final long SPACES = 0x2020202020202020L;

  /** Index of the first LF in {@code d[from, to)}, or {@code to}. */
  static int nextLf(byte[] d, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(d, i) ^ LFS;
      // A byte of x is zero where d has LF; the lowest flagged byte is always a real one.
      long zero = (x - ONES) & ~x & HIGHS;
      if (zero != 0) return i + (Long.numberOfTrailingZeros(zero) >>> 3);
    }
    for (; i < to; i++) if (d[i] == '\n') return i;
    return to;
  }

  /**
   * Index of the first byte below 0x20 (a control character) in {@code d[from, to)}, or {@code to}.
   * Only for ASCII bytes (see {@link #isAscii}).
   */
  static int nextControl(byte[] d, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(d, i);
      long below = (x - SPACES) & ~x & HIGHS;
      if (below != 0) return i + (Long.numberOfTrailingZeros(below) >>> 3);
    }
    for (; i < to; i++) if (d[i] < 0x20) return i;
    return to;
  }

  /** True when every byte of {@code d[from, to)} is below 0x80. */
  static boolean isAscii(byte[] d, int from, int to) {
    int i = from;
    long high = 0;
    for (; i + 8 <= to; i += 8) high |= (long) LONGS.get(d, i);
    for (; i < to; i++) high |= d[i];
    return (high & HIGHS) == 0;
  }
}
