package io.ramal.pbx.record;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** An index that keeps every change it is told, in order. */
final class FakeIndex implements RecordingIndex {
  final List<RecordingChange> changes = new CopyOnWriteArrayList<>();

  @Override
  public CompletableFuture<Void> record(RecordingChange change) {
    changes.add(change);
    return CompletableFuture.completedFuture(null);
  }

  /** The first change of that type for that recording, waiting up to 20 s for it. */
  <T extends RecordingChange> T awaitChange(Class<T> type, String recordingId) {
    return type.cast(Awaitility.await().atMost(Duration.ofSeconds(20)).until(
        () -> changes.stream().filter(c -> type.isInstance(c) && c.recordingId().equals(recordingId)).findFirst(),
        java.util.Optional::isPresent).orElseThrow());
  }

  List<String> kinds(String recordingId) {
    return changes.stream().filter(c -> c.recordingId().equals(recordingId)).map(c -> c.getClass().getSimpleName())
        .toList();
  }
}
