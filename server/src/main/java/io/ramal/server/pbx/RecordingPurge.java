package io.ramal.server.pbx;

import io.ramal.store.Recording;
import io.ramal.store.RecordingFile;
import io.ramal.store.Recordings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes recordings older than their tenant's retention: the files first, then the index row, in
 * batches, oldest first. The index drives it, so it is safe across restarts: a run cut short
 * leaves rows whose files may already be gone, and the next run deletes them (a missing file is
 * not an error); no file is ever left without its row. Live and unfinished recordings are never
 * touched. One log line per batch; {@link #run()} says what it deleted.
 */
public final class RecordingPurge {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingPurge.class);

    /** What one batch deleted. */
    public record Batch(String tenantId, int recordings, int files, long bytes, Instant endedBefore) {}

    private final Recordings index;
    private final Path directory;
    private final RecordingRetention retention;
    private final InstantSource clock;
    private final int batchSize;

    /**
     * @param directory the recordings directory (the index's paths are relative to it)
     * @param batchSize rows read and deleted at a time
     */
    public RecordingPurge(Recordings index, Path directory, RecordingRetention retention, InstantSource clock,
            int batchSize) {
        this.index = Objects.requireNonNull(index, "index");
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        this.batchSize = batchSize;
    }

    /** One pass over every tenant with recordings; the batches it deleted. */
    public List<Batch> run() {
        List<Batch> done = new ArrayList<>();
        if (!retention.deletesAny()) {
            return done;
        }
        Instant now = clock.instant();
        for (String tenant : index.tenants()) {
            Optional<Duration> keep = retention.keep(tenant);
            if (keep.isEmpty()) {
                continue;
            }
            Instant cutoff = now.minus(keep.get());
            while (true) {
                List<Recording> due = index.finishedBefore(tenant, cutoff, batchSize);
                if (due.isEmpty()) {
                    break;
                }
                Batch batch = delete(tenant, due, cutoff);
                done.add(batch);
                LOG.atInfo().addKeyValue("event", "recordings_purged").addKeyValue("tenant", tenant)
                        .addKeyValue("recordings", batch.recordings()).addKeyValue("files", batch.files())
                        .addKeyValue("bytes", batch.bytes()).addKeyValue("ended_before", cutoff)
                        .addKeyValue("retention_days", keep.get().toDays())
                        .log("recordings past their retention deleted");
                if (batch.recordings() < due.size() || due.size() < batchSize) {
                    break; // some could not be deleted (they will be tried on the next run), or none are left
                }
            }
        }
        return done;
    }

    private Batch delete(String tenant, List<Recording> due, Instant cutoff) {
        int recordings = 0;
        int files = 0;
        long bytes = 0;
        for (Recording r : due) {
            boolean allGone = true;
            for (Path file : filesOf(r)) {
                try {
                    long size = Files.exists(file) ? Files.size(file) : 0;
                    if (Files.deleteIfExists(file)) {
                        files++;
                        bytes += size;
                    }
                } catch (IOException e) {
                    allGone = false;
                    LOG.atWarn().addKeyValue("recording", r.id()).addKeyValue("file", file)
                            .addKeyValue("error", e.toString()).log("a recording file past retention could not be deleted");
                }
            }
            if (allGone && index.delete(tenant, r.id())) {
                recordings++;
            }
        }
        return new Batch(tenant, recordings, files, bytes, cutoff);
    }

    /** The recording's files: those the index names, and the ones its name implies (MP3, stereo). */
    private Set<Path> filesOf(Recording r) {
        Set<String> paths = new LinkedHashSet<>();
        paths.add(r.wavPath());
        r.wav().map(RecordingFile::path).ifPresent(paths::add);
        r.mp3().map(RecordingFile::path).ifPresent(paths::add);
        r.stereo().map(RecordingFile::path).ifPresent(paths::add);
        if (r.wavPath().endsWith(".wav")) {
            String base = r.wavPath().substring(0, r.wavPath().length() - 4);
            paths.add(base + ".mp3");
            paths.add(base + "-stereo.wav");
        }
        Set<Path> files = new LinkedHashSet<>();
        for (String p : paths) {
            Path file = directory.resolve(p).normalize();
            if (file.startsWith(directory)) {
                files.add(file);
            }
        }
        return files;
    }
}
