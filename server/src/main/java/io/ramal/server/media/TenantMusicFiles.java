package io.ramal.server.media;

import io.ramal.api.music.HoldMusic;
import io.ramal.api.music.MusicUpload;
import io.ramal.api.music.TenantMusic;
import io.ramal.media.audio.Clip;
import io.ramal.media.audio.UploadLimits;
import io.ramal.media.audio.WavReader;
import io.ramal.media.audio.WavResult;
import io.ramal.media.audio.WavWriter;
import io.ramal.media.player.MusicOnHold;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tenants' music on hold kept as files, {@code <dir>/<tenant>.wav}, in the form it is played
 * (8 kHz mono 16-bit PCM, converted on upload): written to a temporary file and moved into place,
 * so a crash leaves the old music or the new, never half of one. Every file is loaded into the
 * {@link MusicOnHold} at start, and an accepted upload is made current there at once, so calls
 * held afterwards hear it. Uploads are serialised; reads are not.
 */
public final class TenantMusicFiles implements TenantMusic {
    private static final Logger LOG = LoggerFactory.getLogger(TenantMusicFiles.class);
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final String SUFFIX = ".wav";

    private final Path dir;
    private final MusicOnHold music;
    private final UploadLimits limits;
    private final InstantSource clock;
    private final HoldMusic builtIn;

    private TenantMusicFiles(Path dir, MusicOnHold music, UploadLimits limits, InstantSource clock) {
        this.dir = dir;
        this.music = music;
        this.limits = limits;
        this.clock = clock;
        byte[] wav = WavWriter.encode(MusicOnHold.defaultMusic());
        this.builtIn = new HoldMusic(HoldMusic.Source.DEFAULT, wav, CheckedAudio.sha256(wav), MusicOnHold.defaultMusic().duration(),
                Optional.empty());
    }

    /** Opens (creating) {@code dir} and makes every tenant's stored music current in {@code music}. */
    public static TenantMusicFiles open(Path dir, MusicOnHold music, UploadLimits limits, InstantSource clock) {
        Objects.requireNonNull(music, "music");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(clock, "clock");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        TenantMusicFiles files = new TenantMusicFiles(dir, music, limits, clock);
        files.loadAll();
        return files;
    }

    @Override
    public long maxUploadBytes() {
        return limits.maxBytes();
    }

    @Override
    public synchronized MusicUpload upload(String tenantId, byte[] wav) {
        return switch (CheckedAudio.of(wav, limits)) {
            case CheckedAudio.Refused r -> new MusicUpload.Refused(r.tooLarge(), r.reason());
            case CheckedAudio.Playable p -> {
                AtomicFile.replace(fileOf(tenantId), p.played());
                music.use(tenantId, p.clip());
                LOG.atInfo().addKeyValue("tenant", tenantId).addKeyValue("bytes", wav.length)
                        .addKeyValue("duration_ms", p.clip().duration().toMillis()).log("music on hold uploaded");
                yield new MusicUpload.Stored(new HoldMusic(HoldMusic.Source.TENANT, p.played(), p.sha256(),
                        p.clip().duration(), Optional.of(clock.instant())), p.uploadedAs());
            }
        };
    }

    @Override
    public HoldMusic current(String tenantId) {
        Path file = fileOf(tenantId);
        try {
            byte[] wav = Files.readAllBytes(file);
            return new HoldMusic(HoldMusic.Source.TENANT, wav, CheckedAudio.sha256(wav), music.music(tenantId).duration(),
                    Optional.of(Files.getLastModifiedTime(file).toInstant()));
        } catch (NoSuchFileException e) {
            return builtIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized boolean useDefault(String tenantId) {
        Path file = fileOf(tenantId);
        music.useDefault(tenantId);
        try {
            boolean had = Files.deleteIfExists(file);
            if (had) {
                LOG.atInfo().addKeyValue("tenant", tenantId).log("music on hold back to the built-in music");
            }
            return had;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void loadAll() {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : stream) {
                String name = file.getFileName().toString();
                String tenant = name.substring(0, name.length() - SUFFIX.length());
                if (!TENANT.matcher(tenant).matches()) {
                    continue;
                }
                switch (WavReader.read(file, limits.maxBytes())) {
                    case WavResult.Accepted<Clip> a -> music.use(tenant, a.value());
                    case WavResult.Rejected<Clip> r -> LOG.atWarn().addKeyValue("file", file)
                            .addKeyValue("reason", r.message()).log("stored music on hold unreadable; tenant hears the default");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private Path fileOf(String tenantId) {
        if (!TENANT.matcher(tenantId).matches()) {
            throw new IllegalArgumentException("not a tenant id: " + tenantId);
        }
        return dir.resolve(tenantId + SUFFIX);
    }
}
