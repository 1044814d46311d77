package io.ramal.pbx.core;

import io.ramal.sip.transaction.TransactionLayer;
import java.util.List;

/**
 * The shards of the SIP core. A Call-ID always maps to the same shard; Call-IDs we generate end
 * in {@code ~s<index>} so both legs of a call live on one shard.
 */
public final class Shards implements AutoCloseable, io.ramal.pbx.call.CallShards {
  /** One shard with its transaction layer and transaction user. */
  public record Lane(Shard shard, TransactionLayer layer, SipRouter router, ShardLoad load) {}

  private final List<Lane> lanes;
  /** Call-IDs served on another shard than they map to (docs/adr/0006-park-and-cross-call-joins.md). */
  private final java.util.Map<String, Integer> pins = new java.util.concurrent.ConcurrentHashMap<>();

  public Shards(List<Lane> lanes) {
    this.lanes = List.copyOf(lanes);
  }

  @Override
  public int indexFor(String callId) {
    Integer pinned = pins.get(callId);
    if (pinned != null) return pinned;
    int mark = callId.lastIndexOf("~s");
    if (mark >= 0) {
      try {
        int i = Integer.parseInt(callId, mark + 2, callId.length(), 10);
        if (i >= 0 && i < lanes.size()) return i;
      } catch (NumberFormatException e) {
        // not one of ours
      }
    }
    return Math.floorMod(callId.hashCode(), lanes.size());
  }

  @Override
  public void execute(int index, java.util.function.Consumer<io.ramal.pbx.call.B2bua> task) {
    Lane lane = lanes.get(index);
    lane.shard().execute(() -> task.accept(lane.router().b2bua()));
  }

  @Override
  public void pin(String callId, int shard) {
    if (shard >= 0 && shard < lanes.size()) pins.put(callId, shard);
  }

  @Override
  public void unpin(String callId) {
    pins.remove(callId);
  }

  /** Call-IDs pinned now (leak checks). */
  public int pinned() {
    return pins.size();
  }

  public Lane lane(int index) {
    return lanes.get(index);
  }

  public List<Lane> lanes() {
    return lanes;
  }

  /** Live transactions over all shards (read on each shard's thread). */
  public int transactions() {
    return lanes.stream().mapToInt(l -> l.shard().call(() -> l.layer().size())).sum();
  }

  public int activeCalls() {
    return lanes.stream().mapToInt(l -> l.shard().call(
        () -> l.router().b2bua().activeCalls() + l.router().originator().activeCalls())).sum();
  }

  @Override
  public void close() {
    lanes.forEach(l -> l.shard().close());
  }
}
