package io.ramal.pbx.record;

import java.util.concurrent.CompletableFuture;

/**
 * Where the PBX reports its recordings (the server keeps them in the store). Changes arrive from
 * the call's shard and from the threads finishing files, each recording's in the order they
 * happened; an implementation must apply them in that order and must not block the caller. The
 * future completes once the change is stored (exceptionally if it could not be).
 */
@FunctionalInterface
public interface RecordingIndex {
  RecordingIndex NONE = change -> CompletableFuture.completedFuture(null);

  CompletableFuture<Void> record(RecordingChange change);
}
