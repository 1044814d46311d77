package io.ramal.server.cti;

import io.ramal.api.calls.TenantBoards;
import io.ramal.api.events.EventJournal;
import io.ramal.api.events.NewEvent;
import io.ramal.api.events.Snapshot;
import io.ramal.api.events.SnapshotSource;
import io.ramal.cti.core.Outcome;
import io.ramal.cti.core.Switchboard;
import io.ramal.cti.event.CtiEvent;
import io.ramal.cti.fact.TelephonyFact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * serial lane. On the lane, a fact is applied and its events appended to the {@link EventJournal}
 * as one step under the journal's tenant lock, so the log holds each tenant's events in the order
 * the state changed, and a {@link #at snapshot} (taken under the same lock) is valid exactly at
 * the seq it states. Facts arrive asynchronously from SIP shards and never wait for the database.
 */
public final class CtiDesk implements Consumer<TelephonyFact>, SnapshotSource, TenantBoards, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CtiDesk.class);
  /** Envelope names the journal writes itself. */
  private static final Set<String> ENVELOPE = Set.of("type", "tenant", "ts");
  /** Facts applied per transaction at most, so one tenant's burst cannot hold its lock for long. */
  private static final int MAX_BATCH = 256;
  private final ConcurrentHashMap<String, Switchboard> boards = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, SerialLane> lanes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ConcurrentLinkedQueue<TelephonyFact>> pending = new ConcurrentHashMap<>();
  private final ExecutorService carrier = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("cti-", 0).factory());
  private final EventJournal journal;
  private volatile Follower follower = Follower.NONE;
  private final LongAdder anomalies = new LongAdder();
  private final LongAdder lost = new LongAdder();

  public CtiDesk(EventJournal journal) {
    this.journal = Objects.requireNonNull(journal, "journal");
  }

  /**
   * What else lives on a tenant's lane (the agents, the queues): told after each batch of facts, on the lane
   * and under the tenant's journal lock, so it can react to the new call state with events of its
   * own; and asked for its sections of the snapshot (under the same lock).
   */
  public interface Follower {
    Follower NONE = new Follower() {};

    /** @param events the CTI events just appended (possibly none) */
    default void afterFacts(String tenant, Switchboard board, List<CtiEvent> events) {}

    default Map<String, Object> snapshot(String tenant) {
      return Map.of();
    }
  }

  public void follower(Follower next) {
    this.follower = Objects.requireNonNull(next, "follower");
  }

  /**
   * Applies a fact on its tenant's lane (asynchronously: callers are SIP shards). Facts that queue
   * up while the lane is busy are applied together and their events stored in one transaction
   * (group commit), so a burst costs one database round trip, not one per fact.
   */
  @Override
  public void accept(TelephonyFact fact) {
    String tenant = fact.tenant();
    pending.computeIfAbsent(tenant, t -> new ConcurrentLinkedQueue<>()).add(fact);
    lane(tenant).execute(() -> applyPending(tenant));
  }

  private void applyPending(String tenant) {
    ConcurrentLinkedQueue<TelephonyFact> queue = pending.get(tenant);
    if (queue.isEmpty()) return; // an earlier task took these facts with its own
    journal.atomically(tenant, () -> {
      Switchboard board = board(tenant);
      List<CtiEvent> events = new ArrayList<>();
      TelephonyFact fact;
      for (int n = 0; n < MAX_BATCH && (fact = queue.poll()) != null; n++) {
        events.addAll(applyOne(tenant, board, fact).events());
      }
      store(tenant, board, events);
      return null;
    });
    if (!queue.isEmpty()) lane(tenant).execute(() -> applyPending(tenant));
  }

  /**
   * A fact the API states itself, decided on the tenant's lane and applied there, after every fact
   * accepted before; its events (and the device state changes) are stored before this returns.
   */
  @Override
  public Outcome apply(String tenant, Function<Switchboard, TelephonyFact> decide) {
    return onTenant(tenant, board -> {
      TelephonyFact fact = decide.apply(board);
      Outcome outcome = applyOne(tenant, board, fact);
      store(tenant, board, outcome.events());
      return outcome;
    });
  }

  /** One fact, then what it did to the devices' states (after its own events). */
  private Outcome applyOne(String tenant, Switchboard board, TelephonyFact fact) {
    Outcome outcome = board.on(fact);
    outcome.anomaly().ifPresent(a -> {
      anomalies.increment();
      LOG.atDebug().addKeyValue("tenant", tenant).addKeyValue("kind", a.kind()).addKeyValue("detail", a.detail())
          .log("fact ignored");
    });
    List<CtiEvent> events = new ArrayList<>(outcome.events());
    events.addAll(board.deviceStates().after(fact, outcome));
    return new Outcome(events, outcome.anomaly());
  }

  /** Appends the events (under the tenant's journal lock), then tells the follower. */
  private void store(String tenant, Switchboard board, List<CtiEvent> events) {
    if (!events.isEmpty()) {
      try {
        journal.appendAll(tenant, entries(events));
      } catch (RuntimeException e) {
        lost.add(events.size());
        LOG.atError().setCause(e).addKeyValue("tenant", tenant).addKeyValue("events", events.size())
            .log("events could not be stored; subscribers resync from a snapshot");
      }
    }
    try {
      follower.afterFacts(tenant, board, events);
    } catch (RuntimeException e) {
      LOG.atError().setCause(e).addKeyValue("tenant", tenant).log("follower failed after facts");
    }
  }

  /**
   * The tenant's calls, devices and device states (and the follower's sections), valid at the seq of the
   * last event appended before it.
   */
  @Override
  public Snapshot at(String tenant) {
    return journal.atomically(tenant, () -> {
      Switchboard board = board(tenant);
      Map<String, Object> data = new LinkedHashMap<>(board.snapshot().toJson());
      List<Object> states = new ArrayList<>();
      board.deviceStates().all().forEach(state -> states.add(state.toJson()));
      data.put("device_states", List.copyOf(states));
      data.putAll(follower.snapshot(tenant));
      return new Snapshot(journal.head(tenant).lastSeq(), data);
    });
  }

  /**
   * Runs {@code work} on the tenant's lane and waits for it: after every fact accepted before,
   * before every fact accepted after. Command checks go through here.
   */
  @Override
  public <T> T onTenant(String tenant, Function<Switchboard, T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    lane(tenant).execute(() -> {
      try {
        result.complete(journal.atomically(tenant, () -> work.apply(board(tenant))));
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

  /** Events the core emitted that the journal could not store (database down). */
  public long lostEvents() {
    return lost.sum();
  }

  /** The journal's form of the core's events: the envelope names go, the rest is the event's fields. */
  static List<NewEvent> entries(List<CtiEvent> events) {
    List<NewEvent> entries = new ArrayList<>(events.size());
    for (CtiEvent event : events) {
      Map<String, Object> fields = new LinkedHashMap<>(event.toJson());
      fields.keySet().removeAll(ENVELOPE);
      entries.add(new NewEvent(event.type().wire(), event.callId(), event.device(), fields));
    }
    return entries;
  }

  private Switchboard board(String tenant) {
    return boards.computeIfAbsent(tenant, Switchboard::new);
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
