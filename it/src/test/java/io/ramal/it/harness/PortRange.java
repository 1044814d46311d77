package io.ramal.it.harness;

/**
 * Consecutive ports {@code first .. first + count - 1} on 127.0.0.1, as handed out by {@link FreePorts}.
 *
 * <p>Use {@link #first()} for a single port, or {@link #toString()} ("20000-20009") where a
 * tool wants a range, e.g. baresip's {@code rtp_ports}.
 */
public record PortRange(int first, int count) {

  public PortRange {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    if (first < 1 || first + count - 1 > 65535) {
      throw new IllegalArgumentException("ports out of range: " + first + " + " + count);
    }
  }

  /** The last port of the range. */
  public int last() {
    return first + count - 1;
  }

  /** Whether {@code port} lies inside this range. */
  public boolean contains(int port) {
    return port >= first && port <= last();
  }

  @Override
  public String toString() {
    return first + "-" + last();
  }
}
