package io.ramal.pbx.call;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The shards of the PBX as a call sees them (docs/adr/0006-park-and-cross-call-joins.md): which
 * shard serves a Call-ID, work handed to another shard's thread, and Call-IDs pinned to the shard
 * that serves their dialog now. Work crosses as tasks, never as a blocking call between shards.
 */
public interface CallShards extends CallIdPins {
  /** The shard that serves {@code callId} now (its hash, or where it is pinned). */
  int indexFor(String callId);

  /** Runs {@code task} on shard {@code index}'s thread, with that shard's B2BUA. */
  void execute(int index, Consumer<B2bua> task);

  /** A PBX of one shard: {@code b2bua}, whose thread is {@code shard}. */
  static CallShards one(int index, Executor shard, B2bua b2bua) {
    return new CallShards() {
      @Override
      public int indexFor(String callId) {
        return index;
      }

      @Override
      public void execute(int i, Consumer<B2bua> task) {
        shard.execute(() -> task.accept(b2bua));
      }

      @Override
      public void pin(String callId, int shard) {}

      @Override
      public void unpin(String callId) {}
    };
  }
}
