package io.ramal.pbx.transport;

import java.util.concurrent.atomic.LongAdder;

/** Counters the transports keep for metrics. */
public final class TransportStats {
  public final LongAdder received = new LongAdder();
  public final LongAdder sent = new LongAdder();
  public final LongAdder sendFailures = new LongAdder();
  public final LongAdder oversized = new LongAdder();
  public final LongAdder connectionsOpened = new LongAdder();
  public final LongAdder connectionsClosed = new LongAdder();
}
