package io.ramal.pbx.call;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parked calls of every tenant, by slot (docs/adr/0006-park-and-cross-call-joins.md): one
 * index for the whole PBX, outside the shards. The shard holding a call reserves and releases
 * its slot; any thread may look slots up. It keeps no call state beyond what the index shows.
 */
public final class ParkingLot {
  /** One parked call: in slot {@code number} of {@code tenant}, held on shard {@code shard}. */
  public record Slot(String tenant, String number, String callId, String parked, String parker, Instant since,
      Instant deadline, int shard) {}

  private volatile ParkSettings settings;
  private final InstantSource clock;
  private final Map<String, TreeMap<Integer, Slot>> byTenant = new HashMap<>();

  public ParkingLot(ParkSettings settings, InstantSource clock) {
    this.settings = settings;
    this.clock = clock;
  }

  public ParkSettings settings() {
    return settings;
  }

  /** New slots and timeout for calls parked from now on. */
  public void configure(ParkSettings settings) {
    this.settings = java.util.Objects.requireNonNull(settings, "settings");
  }

  /**
   * Parks call {@code callId} of {@code tenant} in the lowest free slot (the time is now, the
   * deadline now plus the park timeout); empty when every slot of the tenant is taken or the
   * call is parked already.
   */
  public synchronized Optional<Slot> reserve(String tenant, String callId, String parked, String parker, int shard) {
    TreeMap<Integer, Slot> slots = byTenant.computeIfAbsent(tenant, t -> new TreeMap<>());
    if (slots.values().stream().anyMatch(s -> s.callId().equals(callId))) return Optional.empty();
    for (int n = settings.first(); n <= settings.last(); n++) {
      if (!slots.containsKey(n)) {
        Instant now = clock.instant();
        Slot slot = new Slot(tenant, Integer.toString(n), callId, parked, parker, now, now.plus(settings.timeout()),
            shard);
        slots.put(n, slot);
        return Optional.of(slot);
      }
    }
    return Optional.empty();
  }

  /** Frees slot {@code number} of {@code tenant} if call {@code callId} still holds it. */
  public synchronized boolean release(String tenant, String number, String callId) {
    TreeMap<Integer, Slot> slots = byTenant.get(tenant);
    if (slots == null || !number.chars().allMatch(Character::isDigit) || number.isEmpty() || number.length() > 9) {
      return false;
    }
    int n = Integer.parseInt(number);
    Slot s = slots.get(n);
    if (s == null || !s.callId().equals(callId)) return false;
    slots.remove(n);
    if (slots.isEmpty()) byTenant.remove(tenant);
    return true;
  }

  /** The call parked in slot {@code number} of {@code tenant}, if any. */
  public synchronized Optional<Slot> find(String tenant, String number) {
    if (!settings.isSlot(number)) return Optional.empty();
    TreeMap<Integer, Slot> slots = byTenant.get(tenant);
    return slots == null ? Optional.empty() : Optional.ofNullable(slots.get(Integer.parseInt(number)));
  }

  /** The parked calls of {@code tenant}, by slot number. */
  public synchronized List<Slot> list(String tenant) {
    TreeMap<Integer, Slot> slots = byTenant.get(tenant);
    return slots == null ? List.of() : List.copyOf(new ArrayList<>(slots.values()));
  }

  /** Whether the park timeout of {@code slot} has passed at {@code now}. */
  public static boolean expired(Slot slot, Instant now) {
    return !now.isBefore(slot.deadline());
  }
}
