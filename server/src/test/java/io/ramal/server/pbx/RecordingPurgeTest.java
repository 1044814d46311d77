package io.ramal.server.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.store.Database;
import io.ramal.store.Recording;
import io.ramal.store.RecordingFile;
import io.ramal.store.Recordings;
import io.ramal.store.Tenant;
import io.ramal.store.Tenants;
import io.ramal.store.testing.ScratchDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retention over a real store and real files, with the clock in the test's hand. */
class RecordingPurgeTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private final ScratchDatabase scratch = ScratchDatabase.sqlite();
  private final Database database = scratch.open();
  private final Recordings index = new Recordings(database.dataSource());
  private final Path dir = tempDir();
  private Instant now = T0;
  private final InstantSource clock = () -> now;

  @AfterEach
  void close() throws IOException {
    database.close();
    scratch.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void recordingsPastTheirTenantsRetentionLoseTheirFilesThenTheirRows() throws IOException {
    tenant("acme");
    tenant("keeper");
    Recording old = ready("acme", "call-old", T0, true);
    Recording young = ready("acme", "call-young", T0.plus(Duration.ofDays(20)), false);
    Recording kept = ready("keeper", "call-kept", T0, true);
    RecordingPurge purge = new RecordingPurge(index, dir, new RecordingRetention(30, Map.of("keeper", 0)), clock, 10);

    now = T0.plus(Duration.ofDays(30)); // call-old ended 30 days minus 5 s ago: not yet
    assertThat(purge.run()).isEmpty();

    now = T0.plus(Duration.ofDays(31));
    List<RecordingPurge.Batch> batches = purge.run();

    assertThat(batches).singleElement().satisfies(b -> {
      assertThat(b.tenantId()).isEqualTo("acme");
      assertThat(b.recordings()).isEqualTo(1);
      assertThat(b.files()).as("WAV, MP3 and stereo WAV").isEqualTo(3);
      assertThat(b.bytes()).isEqualTo(300);
      assertThat(b.endedBefore()).isEqualTo(T0.plus(Duration.ofDays(1)));
    });
    assertThat(index.find("acme", old.id())).isEmpty();
    assertThat(filesOf(old)).noneMatch(Files::exists);
    assertThat(index.find("acme", young.id())).isPresent();
    assertThat(filesOf(young)).allMatch(Files::exists);
    assertThat(index.find("keeper", kept.id())).as("a tenant that keeps for ever").isPresent();
    assertThat(filesOf(kept)).allMatch(Files::exists);
    assertThat(purge.run()).as("nothing left to do").isEmpty();
  }

  @Test
  void aRunCutShortIsFinishedByTheNextRunFromTheIndex() throws IOException {
    tenant("acme");
    Recording r = ready("acme", "call-1", T0, true);
    Files.delete(dir.resolve(r.wavPath())); // a previous run deleted the WAV, then the process died

    now = T0.plus(Duration.ofDays(8));
    List<RecordingPurge.Batch> batches = new RecordingPurge(index, dir, new RecordingRetention(7, Map.of()), clock, 10)
        .run();

    assertThat(batches).singleElement().satisfies(b -> {
      assertThat(b.recordings()).isEqualTo(1);
      assertThat(b.files()).isEqualTo(2);
    });
    assertThat(index.find("acme", r.id())).isEmpty();
    assertThat(filesOf(r)).noneMatch(Files::exists);
  }

  @Test
  void manyRecordingsGoInBatchesOldestFirstAndLiveOnesStay() throws IOException {
    tenant("acme");
    for (int i = 0; i < 25; i++) {
      ready("acme", "call-" + i, T0.plusSeconds(i), false);
    }
    Recording live = Recording.started("acme-live-1", "acme", "call-live", 1, Optional.empty(), Optional.empty(), T0,
        "acme/live.wav");
    index.insert(live);

    now = T0.plus(Duration.ofDays(2));
    List<RecordingPurge.Batch> batches = new RecordingPurge(index, dir, new RecordingRetention(1, Map.of()), clock, 10)
        .run();

    assertThat(batches).extracting(RecordingPurge.Batch::recordings).containsExactly(10, 10, 5);
    assertThat(index.find("acme", live.id())).isPresent();
    assertThat(index.tenants()).containsExactly("acme");
  }

  @Test
  void nothingIsDeletedWhenEveryRetentionIsForever() throws IOException {
    tenant("acme");
    Recording r = ready("acme", "call-1", T0, false);
    now = T0.plus(Duration.ofDays(10_000));

    assertThat(new RecordingPurge(index, dir, RecordingRetention.FOREVER, clock, 10).run()).isEmpty();
    assertThat(new RecordingPurge(index, dir, new RecordingRetention(0, Map.of("acme", 0)), clock, 10).run()).isEmpty();
    assertThat(index.find("acme", r.id())).isPresent();
  }

  private void tenant(String id) {
    new Tenants(database.dataSource()).save(new Tenant(id, id, T0));
  }

  /** A finished recording of 5 s with its WAV (100 bytes) and, if asked, an MP3 and a stereo WAV. */
  private Recording ready(String tenant, String callId, Instant started, boolean allFiles) throws IOException {
    String id = callId + "-1";
    String wav = tenant + "/2026/01/01/" + id + ".wav";
    Recording r = Recording.started(id, tenant, callId, 1, Optional.of("1001"), Optional.of("1002"), started, wav);
    index.insert(r);
    index.stopped(tenant, id, started.plusSeconds(5), 0, "hangup");
    Optional<RecordingFile> stereo = allFiles ? Optional.of(file(wav.replace(".wav", "-stereo.wav"))) : Optional.empty();
    index.wavReady(tenant, id, 5_000, file(wav), stereo, allFiles);
    if (allFiles) {
      index.mp3Ready(tenant, id, Optional.of(file(wav.replace(".wav", ".mp3"))));
    }
    return index.find(tenant, id).orElseThrow();
  }

  private RecordingFile file(String relative) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[100]);
    return new RecordingFile(relative, 100, "a".repeat(64));
  }

  private List<Path> filesOf(Recording r) {
    return Stream.of(Optional.of(r.wavPath()), r.mp3().map(RecordingFile::path), r.stereo().map(RecordingFile::path))
        .flatMap(Optional::stream).map(dir::resolve).toList();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("ramal-purge-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
