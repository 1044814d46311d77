package io.ramal.sip.auth;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A map with a hard size cap that keeps entries in the order they were last {@linkplain #putLast
 * put}, so the eldest entry is the first to evict or to expire. Not thread-safe.
 */
final class RecencyMap<K, V> {

  private final int capacity;
  private final LinkedHashMap<K, V> entries = new LinkedHashMap<>();

  RecencyMap(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  V get(K key) {
    return entries.get(key);
  }

  /**
   * Stores {@code value} as the newest entry; returns the value evicted to stay within the cap.
   */
  Optional<V> putLast(K key, V value) {
    entries.remove(key);
    entries.put(key, value);
    if (entries.size() > capacity) {
      Iterator<Map.Entry<K, V>> eldest = entries.entrySet().iterator();
      V evicted = eldest.next().getValue();
      eldest.remove();
      return Optional.of(evicted);
    }
    return Optional.empty();
  }

  /** The eldest value, if any. */
  Optional<V> eldest() {
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(entries.values().iterator().next());
  }

  void removeEldest() {
    Iterator<V> eldest = entries.values().iterator();
    if (eldest.hasNext()) {
      eldest.next();
      eldest.remove();
    }
  }

  void remove(K key) {
    entries.remove(key);
  }

  int size() {
    return entries.size();
  }
}
