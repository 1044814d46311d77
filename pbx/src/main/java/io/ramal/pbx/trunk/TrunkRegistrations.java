package io.ramal.pbx.trunk;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.directory.Trunk;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registrations of every trunk that asks to be registered, kept in step with the directory by
 * {@link #sync}: a new registering trunk starts, one whose password, realm or interval changed
 * registers again at once (when its provider address or user changed, the old binding is removed
 * and a new one made; a change of routing alone sends nothing), a trunk
 * deleted or no longer registering removes its binding (Expires: 0). Registrations are spread over
 * the shards. Safe to call from any thread.
 */
public final class TrunkRegistrations {
  private record Key(String tenantId, String name) {
    static Key of(Trunk t) {
      return new Key(t.tenantId(), t.name());
    }
  }

  private final List<SipContext> contexts;
  private final InstantSource clock;
  /** A running registration and the trunk as last synced (its shard may not have caught up yet). */
  private record Running(TrunkRegistration registration, Trunk trunk) {}

  private final Map<Key, Running> running = new LinkedHashMap<>();
  private int next;
  private boolean closed;

  public TrunkRegistrations(List<SipContext> contexts, InstantSource clock) {
    if (contexts.isEmpty()) throw new IllegalArgumentException("at least one shard is needed");
    this.contexts = List.copyOf(contexts);
    this.clock = clock;
  }

  /** Brings the registrations in line with {@code trunks} (every trunk the PBX knows). */
  public synchronized void sync(List<Trunk> trunks) {
    if (closed) return;
    Set<Key> wanted = new HashSet<>();
    for (Trunk t : trunks) {
      if (!t.register() || !t.hasCredentials()) continue;
      Key key = Key.of(t);
      wanted.add(key);
      Running current = running.get(key);
      if (current == null) {
        start(key, t);
      } else if (!current.trunk().equals(t)) {
        TrunkRegistration r = current.registration();
        if (!TrunkRegistration.sameBinding(current.trunk(), t)) {
          r.stop();
          start(key, t);
          continue;
        }
        if (TrunkRegistration.sameCredentials(current.trunk(), t)) {
          r.retarget(t);
        } else {
          r.update(t);
        }
        running.put(key, new Running(r, t));
      }
    }
    for (var it = running.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      if (!wanted.contains(entry.getKey())) {
        entry.getValue().registration().stop();
        it.remove();
      }
    }
  }

  private void start(Key key, Trunk t) {
    TrunkRegistration r = new TrunkRegistration(contexts.get(next++ % contexts.size()), t, clock);
    running.put(key, new Running(r, t));
    r.start();
  }

  /** Where the registration of trunk {@code name} of {@code tenantId} stands; empty if it does not register. */
  public synchronized Optional<TrunkRegistrationStatus> status(String tenantId, String name) {
    return Optional.ofNullable(running.get(new Key(tenantId, name))).map(r -> r.registration().status());
  }

  /** The running registrations, in the order they started. */
  public synchronized List<TrunkRegistration> list() {
    return running.values().stream().map(Running::registration).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
  }

  /** Stops every registration without a word to the providers (shutdown). */
  public synchronized void close() {
    closed = true;
    running.values().forEach(r -> r.registration().halt());
    running.clear();
  }
}
