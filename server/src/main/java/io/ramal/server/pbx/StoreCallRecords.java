package io.ramal.server.pbx;

import io.ramal.pbx.call.CallRecord;
import io.ramal.pbx.call.CallRecordSink;
import io.ramal.store.CallDirection;
import io.ramal.store.CallDisposition;
import io.ramal.store.CallRecords;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes CDRs to the store off the SIP shards, in the order calls end, and tells {@code stored}
 * about each one written (the call log).
 */
public final class StoreCallRecords implements CallRecordSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StoreCallRecords.class);
  private final CallRecords records;
  private final Consumer<io.ramal.store.CallRecord> stored;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("cdr-writer").daemon().factory());

  public StoreCallRecords(DataSource dataSource) {
    this(dataSource, cdr -> {});
  }

  public StoreCallRecords(DataSource dataSource, Consumer<io.ramal.store.CallRecord> stored) {
    this.records = new CallRecords(dataSource);
    this.stored = stored;
  }

  @Override
  public void record(CallRecord r) {
    writer.execute(() -> {
      try {
        io.ramal.store.CallRecord cdr = new io.ramal.store.CallRecord(r.id(), r.tenantId(), r.callId(), r.caller(),
            r.callee(), CallDirection.valueOf(r.direction().name()), r.startedAt(), r.answeredAt(), r.endedAt(),
            CallDisposition.valueOf(r.disposition().name()), r.cause());
        records.insert(cdr);
        stored.accept(cdr);
      } catch (RuntimeException e) {
        log.error("event=cdr_write_failed call={} error={}", r.id(), e.toString());
      }
    });
  }

  /** Waits for queued records to be written. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
