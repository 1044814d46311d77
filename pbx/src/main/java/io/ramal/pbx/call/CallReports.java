package io.ramal.pbx.call;

import io.ramal.media.dtmf.DtmfInfo;
import io.ramal.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the B2BUA tells the world about its calls: the CDR when a call ends and the facts for the
 * call observer. An observer's or sink's defect is logged and never breaks the call.
 */
final class CallReports {
  private static final Logger log = LoggerFactory.getLogger(CallReports.class);
  private final CallRecordSink records;
  private final CallObserver observer;
  private final InstantSource clock;

  CallReports(CallRecordSink records, CallObserver observer, InstantSource clock) {
    this.records = records;
    this.observer = observer;
    this.clock = clock;
  }

  void ended(Call call, CallRecord.Disposition disposition, String cause) {
    if (call.recorded) return;
    write(recordOf(call, disposition, cause));
  }

  /** The record of {@code call}, ending now, which nobody else will write: {@link #write} it later. */
  CallRecord recordOf(Call call, CallRecord.Disposition disposition, String cause) {
    call.recorded = true;
    return new CallRecord(call.id, call.origin.tenantId(), call.callerCallId, call.origin.number(),
        call.callee, call.direction, call.startedAt, Optional.ofNullable(call.answeredAt), clock.instant(), disposition, cause);
  }

  /** Writes the CDR and tells the observer the call ended. */
  void write(CallRecord r) {
    log.info("event=call_ended call={} tenant={} disposition={} cause=\"{}\"", r.id(), r.tenantId(),
        r.disposition().wire(), r.cause());
    try {
      records.record(r);
    } catch (RuntimeException e) {
      log.error("event=cdr_write_failed call={}", r.id(), e);
    }
    observe(() -> observer.ended(r));
  }

  /**
   * SIP INFO with application/dtmf-relay or application/dtmf is a key press (still relayed as it
   * came): reported, and returned.
   */
  Optional<io.ramal.media.dtmf.DtmfDigit> digitInfo(Leg leg, SipRequest info) {
    String type = info.contentType().orElse("");
    if (!DtmfInfo.isDtmf(type)) return Optional.empty();
    if (DtmfInfo.parse(type, new String(info.body(), StandardCharsets.UTF_8))
        instanceof DtmfInfo.Parsed p) {
      Call call = leg.call;
      observe(() -> observer.digit(call.origin.tenantId(), call.id, leg.callerSide, p.digit().digit(), clock.instant()));
      return Optional.of(p.digit());
    }
    return Optional.empty();
  }

  /** An observer's defect must not break the call it observes. */
  static void observe(Runnable notification) {
    try {
      notification.run();
    } catch (RuntimeException e) {
      log.error("event=call_observer_failed", e);
    }
  }
}
