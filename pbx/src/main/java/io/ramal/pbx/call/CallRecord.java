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

  /** Billable duration: from answer to end, zero when never answered. */
  public long billableMillis() {
    return answeredAt.map(a -> Math.max(0, endedAt.toEpochMilli() - a.toEpochMilli())).orElse(0L);
  }
}
