package io.ramal.pbx.call;

import java.time.Instant;
import java.util.Optional;

/** A call detail record: one per call attempt, written when the attempt ends. */
public record CallRecord(
    String id, String tenantId, String callId, String caller, String callee, Direction direction, Instant startedAt,
    Optional<Instant> answeredAt, Instant endedAt, Disposition disposition, String cause) {

  public enum Direction {
    INTERNAL, INBOUND, OUTBOUND;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public enum Disposition {
    ANSWERED("answered"), BUSY("busy"), NO_ANSWER("no-answer"), FAILED("failed"), CANCELLED("cancelled");

    private final String wire;

    Disposition(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  /** This record with the attempt ending at {@code at} for {@code why} (a call given up before it was reported). */
  public CallRecord endedAt(Instant at, String why) {
    return new CallRecord(id, tenantId, callId, caller, callee, direction, startedAt, answeredAt, at, disposition, why);
  }

  /** Billable duration: from answer to end, zero when never answered. */
  public long billableMillis() {
    return answeredAt.map(a -> Math.max(0, endedAt.toEpochMilli() - a.toEpochMilli())).orElse(0L);
  }
}
