package io.ramal.pbx.core;

import io.ramal.sip.transaction.TransactionLayer;
import java.util.List;

/**
 * The shards of the SIP core. A Call-ID always maps to the same shard; Call-IDs we generate end
 * in {@code ~s<index>} so both legs of a call live on one shard.
 */
public final class Shards implements AutoCloseable {
  /** One shard with its transaction layer and transaction user. */
  public record Lane(Shard shard, TransactionLayer layer, SipRouter router, ShardLoad load) {}

  private final List<Lane> lanes;

  public Shards(List<Lane> lanes) {
    this.lanes = List.copyOf(lanes);
  }

  public int indexFor(String callId) {
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
