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
 * {@link #sync}: a new registering trunk starts, a changed one registers again at once (or, when
 * its provider address or user changed, the old binding is removed and a new one made), a trunk
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
  private final Map<Key, TrunkRegistration> running = new LinkedHashMap<>();
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
      TrunkRegistration current = running.get(key);
      if (current == null) {
        start(key, t);
      } else if (!current.trunk().equals(t)) {
        if (TrunkRegistration.sameBinding(current.trunk(), t)) {
          current.update(t);
        } else {
          current.stop();
          start(key, t);
        }
      }
    }
    for (var it = running.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      if (!wanted.contains(entry.getKey())) {
        entry.getValue().stop();
        it.remove();
      }
    }
  }

  private void start(Key key, Trunk t) {
    TrunkRegistration r = new TrunkRegistration(contexts.get(next++ % contexts.size()), t, clock);
    running.put(key, r);
    r.start();
  }

  /** Where the registration of trunk {@code name} of {@code tenantId} stands; empty if it does not register. */
  public synchronized Optional<TrunkRegistrationStatus> status(String tenantId, String name) {
    return Optional.ofNullable(running.get(new Key(tenantId, name))).map(TrunkRegistration::status);
  }

  /** The running registrations, in the order they started. */
  public synchronized List<TrunkRegistration> list() {
    return new ArrayList<>(running.values());
  }

  /** Stops every registration without a word to the providers (shutdown). */
  public synchronized void close() {
    closed = true;
    running.values().forEach(TrunkRegistration::halt);
    running.clear();
  }
}
