package io.ramal.server.media;

import io.ramal.api.ivr.PromptUpload;
import io.ramal.api.ivr.StoredPrompt;
import io.ramal.api.ivr.TenantPrompts;
import io.ramal.media.audio.Clip;
import io.ramal.media.audio.UploadLimits;
import io.ramal.media.audio.WavReader;
import io.ramal.media.audio.WavResult;
import io.ramal.pbx.ivr.Prompts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tenants' voice-menu prompts kept as files, {@code <dir>/<tenant>/<sha256>.wav}, in the form they are
 * played (8 kHz mono 16-bit PCM, converted on upload, checked exactly as music on hold is) and named by
 * the SHA-256 of that form, which is the reference a menu keeps. A file is written to a temporary name
 * and moved into place. Every stored prompt is decoded into memory at start and on upload, so the PBX
 * finds a menu's audio ({@link Prompts#clip}) without touching the disk on a call's shard.
 */
public final class TenantPromptFiles implements TenantPrompts, Prompts {
    private static final Logger LOG = LoggerFactory.getLogger(TenantPromptFiles.class);
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern REFERENCE = Pattern.compile("[0-9a-f]{64}");
    private static final String SUFFIX = ".wav";

    private record Key(String tenant, String reference) {}

    private final Path dir;
    private final UploadLimits limits;
    private final Map<Key, Clip> clips = new ConcurrentHashMap<>();

    private TenantPromptFiles(Path dir, UploadLimits limits) {
        this.dir = dir;
        this.limits = limits;
    }

    /** Opens (creating) {@code dir} and loads every stored prompt. */
    public static TenantPromptFiles open(Path dir, UploadLimits limits) {
        Objects.requireNonNull(limits, "limits");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        TenantPromptFiles files = new TenantPromptFiles(dir, limits);
        files.loadAll();
        return files;
    }

    @Override
    public long maxUploadBytes() {
        return limits.maxBytes();
    }

    @Override
    public PromptUpload store(String tenantId, byte[] wav) {
        return switch (CheckedAudio.of(wav, limits)) {
            case CheckedAudio.Refused r -> new PromptUpload.Refused(r.tooLarge(), r.reason());
            case CheckedAudio.Playable p -> {
                AtomicFile.replace(fileOf(tenantId, p.sha256()), p.played());
                clips.put(new Key(tenantId, p.sha256()), p.clip());
                LOG.atInfo().addKeyValue("tenant", tenantId).addKeyValue("prompt", p.sha256())
                        .addKeyValue("bytes", wav.length).addKeyValue("duration_ms", p.clip().duration().toMillis())
                        .log("voice menu prompt stored");
                yield new PromptUpload.Stored(new StoredPrompt(p.sha256(), p.played(), p.clip().duration()),
                        p.uploadedAs());
            }
        };
    }

    @Override
    public Optional<StoredPrompt> find(String tenantId, String reference) {
        Clip clip = clips.get(new Key(tenantId, reference));
        if (clip == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StoredPrompt(reference, Files.readAllBytes(fileOf(tenantId, reference)),
                    clip.duration()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void forget(String tenantId, String reference) {
        clips.remove(new Key(tenantId, reference));
        try {
            Files.deleteIfExists(fileOf(tenantId, reference));
        } catch (IOException e) {
            LOG.atWarn().setCause(e).addKeyValue("tenant", tenantId).addKeyValue("prompt", reference)
                    .log("an unused prompt file could not be deleted");
        }
    }

    @Override
    public Optional<Clip> clip(String tenantId, String reference) {
        return Optional.ofNullable(clips.get(new Key(tenantId, reference)));
    }

    private void loadAll() {
        try (DirectoryStream<Path> tenants = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path tenantDir : tenants) {
                String tenant = tenantDir.getFileName().toString();
                if (!TENANT.matcher(tenant).matches()) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(tenantDir, "*" + SUFFIX)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        String reference = name.substring(0, name.length() - SUFFIX.length());
                        if (!REFERENCE.matcher(reference).matches()) {
                            continue;
                        }
                        switch (WavReader.read(file, limits.maxBytes())) {
                            case WavResult.Accepted<Clip> a -> clips.put(new Key(tenant, reference), a.value());
                            case WavResult.Rejected<Clip> r -> LOG.atWarn().addKeyValue("file", file)
                                    .addKeyValue("reason", r.message())
                                    .log("stored prompt unreadable; its menu plays a beep");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private Path fileOf(String tenantId, String reference) {
        if (!TENANT.matcher(tenantId).matches()) {
            throw new IllegalArgumentException("not a tenant id: " + tenantId);
        }
        if (!REFERENCE.matcher(reference).matches()) {
            throw new IllegalArgumentException("not a prompt reference: " + reference);
        }
        return dir.resolve(tenantId).resolve(reference + SUFFIX);
    }
}
