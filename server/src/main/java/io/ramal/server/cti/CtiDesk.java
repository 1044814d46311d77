package io.ramal.server.cti;

import io.ramal.cti.core.Outcome;
import io.ramal.cti.core.Switchboard;
import io.ramal.cti.core.Switchboards;
import io.ramal.cti.event.CtiEvent;
import io.ramal.cti.fact.TelephonyFact;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where telephony facts become CTI events: every tenant has one {@link Switchboard} and one
 * serial lane; a fact is applied and its events are published on that lane, in order, so the
 * event log sees each tenant's events in the order the state changed, and a snapshot taken on the
 * lane ({@link #onTenant}) is consistent with everything published before it.
 */
public final class CtiDesk implements Consumer<TelephonyFact>, AutoCloseable {
  /** Receives each tenant's events, on that tenant's lane, in order; must persist before returning. */
  @FunctionalInterface
  public interface EventSink {
    void publish(String tenant, List<CtiEvent> events);
  }

  private static final Logger LOG = LoggerFactory.getLogger(CtiDesk.class);
  private final Switchboards boards = new Switchboards();
  private final ConcurrentHashMap<String, SerialLane> lanes = new ConcurrentHashMap<>();
  private final ExecutorService carrier = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("cti-", 0).factory());
  private final EventSink sink;
  private final LongAdder anomalies = new LongAdder();

  public CtiDesk(EventSink sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Applies a fact on its tenant's lane (asynchronously: callers are SIP shards). */
  @Override
  public void accept(TelephonyFact fact) {
    String tenant = fact.tenant();
    lane(tenant).execute(() -> {
      Outcome outcome = boards.forTenant(tenant).on(fact);
      outcome.anomaly().ifPresent(a -> {
        anomalies.increment();
        LOG.atDebug().addKeyValue("tenant", tenant).addKeyValue("kind", a.kind()).addKeyValue("detail", a.detail())
            .log("fact ignored");
      });
      if (!outcome.events().isEmpty()) sink.publish(tenant, outcome.events());
    });
  }

  /**
   * Runs {@code work} on the tenant's lane and waits for it: after every fact accepted before,
   * before every fact accepted after. Snapshots and command checks go through here.
   */
  public <T> T onTenant(String tenant, Function<Switchboard, T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    lane(tenant).execute(() -> {
      try {
        result.complete(work.apply(boards.forTenant(tenant)));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for tenant " + tenant, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("tenant " + tenant + " did not answer within 10 s", e);
    }
  }

  /** Facts that changed nothing (out of order, unknown call, another tenant's id). */
  public long anomalies() {
    return anomalies.sum();
  }

  private SerialLane lane(String tenant) {
    return lanes.computeIfAbsent(tenant, t -> new SerialLane(carrier, "cti-" + t));
  }

  @Override
  public void close() {
    carrier.shutdown();
    try {
      carrier.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
