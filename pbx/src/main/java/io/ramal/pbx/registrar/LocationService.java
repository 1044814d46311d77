package io.ramal.pbx.registrar;

import java.net.InetAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Bindings per address of record, shared by all shards. Expired bindings are invisible and purged. */
public final class LocationService {
  /** Told when an AOR gains its first binding or loses its last one. */
  public interface Listener {
    Listener NONE = new Listener() {};

    /** The AOR went from no live binding to {@code contacts} of them ({@code binding} the best). */
    default void onRegistered(AddressOfRecord aor, Binding binding, int contacts) {}

    /** The AOR lost its last live binding: removed by the phone, or {@code expired}. */
    default void onUnregistered(AddressOfRecord aor, boolean expired) {}
  }

  private final Map<AddressOfRecord, List<Binding>> bindings = new ConcurrentHashMap<>();
  private final InstantSource clock;
  private volatile Listener listener = Listener.NONE;

  public LocationService(InstantSource clock) {
    this.clock = clock;
  }

  public void listener(Listener l) {
    this.listener = l;
  }

  /** Live bindings, best q first, then most recent. */
  public List<Binding> lookup(AddressOfRecord aor) {
    List<Binding> list = bindings.get(aor);
    if (list == null) return List.of();
    Instant now = clock.instant();
    return list.stream().filter(b -> !b.isExpired(now))
        .sorted(Comparator.comparingInt(Binding::qMillis).reversed().thenComparing(Binding::expiresAt, Comparator.reverseOrder()))
        .toList();
  }

  /** Atomically replaces the AOR's bindings with what {@code change} makes of the live ones. */
  public List<Binding> update(AddressOfRecord aor, UnaryOperator<List<Binding>> change) {
    Instant now = clock.instant();
    boolean[] hadAny = new boolean[1];
    boolean[] hadLive = new boolean[1];
    List<Binding> result = bindings.compute(aor, (k, old) -> {
      List<Binding> live = new ArrayList<>();
      if (old != null) for (Binding b : old) if (!b.isExpired(now)) live.add(b);
      hadAny[0] = old != null;
      hadLive[0] = !live.isEmpty();
      List<Binding> next = List.copyOf(change.apply(live));
      return next.isEmpty() ? null : next;
    });
    List<Binding> after = result == null ? List.of() : result;
    // Bindings expire silently; the transition is reported when we next look at the AOR.
    if (hadAny[0] && !hadLive[0]) listener.onUnregistered(aor, true);
    if (hadLive[0] && after.isEmpty()) listener.onUnregistered(aor, false);
    if (!hadLive[0] && !after.isEmpty()) listener.onRegistered(aor, after.get(0), after.size());
    return after;
  }

  /** Removes expired bindings; returns how many AORs lost their last binding. */
  public int purge() {
    Instant now = clock.instant();
    int emptied = 0;
    for (AddressOfRecord aor : List.copyOf(bindings.keySet())) {
      List<Binding> left = update(aor, live -> live);
      if (left.isEmpty()) emptied++;
    }
    return emptied;
  }

  /** Number of live bindings over all AORs. */
  public int size() {
    Instant now = clock.instant();
    int n = 0;
    for (List<Binding> l : bindings.values()) for (Binding b : l) if (!b.isExpired(now)) n++;
    return n;
  }

  /**
   * The AORs of {@code tenantId} with a live binding whose REGISTER came from {@code address} (the
   * source, not the Contact: behind NAT the phone is known by where it sends from).
   */
  public Set<AddressOfRecord> registeredFrom(String tenantId, InetAddress address) {
    Instant now = clock.instant();
    Set<AddressOfRecord> found = new HashSet<>();
    bindings.forEach((aor, list) -> {
      if (!aor.tenantId().equals(tenantId)) return;
      for (Binding b : list) {
        if (!b.isExpired(now) && b.source().address().getAddress().equals(address)) found.add(aor);
      }
    });
    return found;
  }

  public boolean isRegistered(AddressOfRecord aor) {
    return !lookup(aor).isEmpty();
  }
}
