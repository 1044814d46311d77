package io.ramal.pbx.directory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A {@link Directory} that remembers answers for a short time, so a burst of calls or
 * registrations does not become a burst of database queries (and of DNS look-ups for trunk
 * hosts). Misses are remembered too, which keeps an unknown-user scan cheap; the number of
 * remembered answers is capped so such a scan cannot grow memory without bound. Changes made
 * through the API call {@link #invalidate()}; changes made behind Ramal's back show within
 * {@code ttl}. Safe for use from every shard at once.
 */
public final class CachingDirectory implements Directory {
  private record Key(String kind, String a, String b) {}

  private record Cached(Object value, Instant expires) {}

  /** A trunk with the addresses its host resolved to. */
  private record ResolvedTrunk(Trunk trunk, List<InetAddress> addresses) {}

  private final Directory source;
  private final InstantSource clock;
  private final Duration ttl;
  private final int maxEntries;
  private final ConcurrentHashMap<Key, Cached> entries = new ConcurrentHashMap<>();

  public CachingDirectory(Directory source, InstantSource clock, Duration ttl, int maxEntries) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    if (maxEntries < 16) throw new IllegalArgumentException("maxEntries must be at least 16");
    this.maxEntries = maxEntries;
  }

  /** Forgets everything: the next look-ups read the source again. */
  public void invalidate() {
    entries.clear();
  }

  @Override
  public Optional<String> tenantForDomain(String domain) {
    return cached(new Key("domain", domain.toLowerCase(Locale.ROOT), ""), () -> source.tenantForDomain(domain));
  }

  @Override
  public String realmOf(String tenantId) {
    return cached(new Key("realm", tenantId, ""), () -> source.realmOf(tenantId));
  }

  @Override
  public Optional<Extension> extension(String tenantId, String number) {
    return cached(new Key("extension", tenantId, number), () -> source.extension(tenantId, number));
  }

  @Override
  public RecordingPolicy recordingPolicy(String tenantId) {
    return cached(new Key("recording", tenantId, ""), () -> source.recordingPolicy(tenantId));
  }

  @Override
  public List<Trunk> trunks() {
    return resolvedTrunks().stream().map(ResolvedTrunk::trunk).toList();
  }

  @Override
  public Optional<DidTarget> didTarget(String tenantId, String did) {
    return cached(new Key("did", tenantId, did), () -> source.didTarget(tenantId, did));
  }

  @Override
  public Optional<String> queueNumbered(String tenantId, String number) {
    return cached(new Key("queue-number", tenantId, number), () -> source.queueNumbered(tenantId, number));
  }

  @Override
  public Optional<io.ramal.cti.ivr.IvrMenu> ivrMenu(String tenantId, String name) {
    return cached(new Key("ivr", tenantId, name), () -> source.ivrMenu(tenantId, name));
  }

  @Override
  public List<Trunk> trunksAt(InetAddress address, int port) {
    List<Trunk> matching = new ArrayList<>();
    for (ResolvedTrunk r : resolvedTrunks()) {
      if (r.trunk().listsSource(address) || r.trunk().port() == port && r.addresses().contains(address)) {
        matching.add(r.trunk());
      }
    }
    return matching;
  }

  private List<ResolvedTrunk> resolvedTrunks() {
    return cached(new Key("trunks", "", ""), () -> {
      List<ResolvedTrunk> resolved = new ArrayList<>();
      for (Trunk t : source.trunks()) resolved.add(new ResolvedTrunk(t, addressesOf(t.host())));
      return List.copyOf(resolved);
    });
  }

  private static List<InetAddress> addressesOf(String host) {
    try {
      return List.of(InetAddress.getAllByName(host));
    } catch (UnknownHostException e) {
      return List.of(); // an unresolvable trunk host matches no source until the next refresh
    }
  }

  @SuppressWarnings("unchecked")
  private <T> T cached(Key key, Supplier<T> load) {
    Instant now = clock.instant();
    Cached hit = entries.get(key);
    if (hit != null && now.isBefore(hit.expires())) return (T) hit.value();
    T value = load.get();
    if (entries.size() >= maxEntries) entries.clear();
    entries.put(key, new Cached(value, now.plus(ttl)));
    return value;
  }
}
