package io.ramal.media.player;

import io.ramal.media.audio.Clip;
import io.ramal.media.audio.UploadLimits;
import io.ramal.media.audio.UploadValidator;
import io.ramal.media.audio.WavReader;
import io.ramal.media.audio.WavResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Music on hold per tenant: each tenant hears its uploaded music, or our own generated default
 * ({@link #DEFAULT_RESOURCE}, made by {@link HoldMusicComposer}). Thread-safe. Storing uploads on
 * disk is the caller's business; this holds the decoded clips.
 */
public final class MusicOnHold {
    /** Class-path location of the default music (8 kHz mono 16-bit WAV). */
    public static final String DEFAULT_RESOURCE = "/io/ramal/media/moh/default.wav";

    private final Clip defaultMusic;
    private final Map<String, Clip> tenantMusic = new ConcurrentHashMap<>();

    public MusicOnHold(Clip defaultMusic) {
        this.defaultMusic = Objects.requireNonNull(defaultMusic, "defaultMusic");
    }

    /** Music on hold whose default is the shipped {@link #DEFAULT_RESOURCE}. */
    public static MusicOnHold withDefaultMusic() {
        return new MusicOnHold(defaultMusic());
    }

    /** The shipped default music; an {@link IllegalStateException} means a broken build. */
    public static Clip defaultMusic() {
        return DefaultMusic.CLIP;
    }

    /** Validates a tenant's WAV and, when accepted, makes it that tenant's music on hold. */
    public WavResult<Clip> upload(String tenant, byte[] wav, UploadLimits limits) {
        Objects.requireNonNull(tenant, "tenant");
        WavResult<Clip> result = UploadValidator.validate(wav, limits);
        if (result instanceof WavResult.Accepted<Clip> accepted) {
            tenantMusic.put(tenant, accepted.value());
        }
        return result;
    }

    /** Makes {@code clip} the tenant's music (e.g. reloaded from storage at start-up). */
    public void use(String tenant, Clip clip) {
        tenantMusic.put(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(clip, "clip"));
    }

    /** Returns the tenant to the default music. */
    public void useDefault(String tenant) {
        tenantMusic.remove(Objects.requireNonNull(tenant, "tenant"));
    }

    /** The music the tenant's held parties hear. */
    public Clip music(String tenant) {
        return tenantMusic.getOrDefault(Objects.requireNonNull(tenant, "tenant"), defaultMusic);
    }

    /** A new looping player of the tenant's music; stop it on retrieve. */
    public Player play(String tenant, PlaybackListener listener) {
        return Player.looping(music(tenant), listener);
    }

    private static final class DefaultMusic {
        static final Clip CLIP = load();

        private static Clip load() {
            try (InputStream in = MusicOnHold.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
                }
                return switch (WavReader.read(in.readAllBytes())) {
                    case WavResult.Accepted<Clip> a -> a.value();
                    case WavResult.Rejected<Clip> r -> throw new IllegalStateException(
                            DEFAULT_RESOURCE + ": " + r.message());
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
