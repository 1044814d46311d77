package io.ramal.media.record;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One file of a finished recording, as the recordings index stores it.
 *
 * @param path where it is
 * @param kind what it holds
 * @param party the party for a {@link Kind#PARTY_WAV}, empty otherwise
 * @param size bytes
 * @param sha256 lower-case hex SHA-256 of the content
 */
public record RecordedFile(Path path, Kind kind, Optional<String> party, long size, String sha256) {
    /** What a recorded file holds. */
    public enum Kind {
        /** All parties mixed, 8 kHz mono 16-bit WAV. */
        MIXED_WAV,
        /** Two parties, left and right, 8 kHz 16-bit WAV. */
        STEREO_WAV,
        /** One party, 8 kHz mono 16-bit WAV. */
        PARTY_WAV,
        /** The mix as 8 kHz mono MP3. */
        MP3
    }

    public RecordedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Measures a finished file: size and checksum. */
    public static RecordedFile measure(Path path, Kind kind, Optional<String> party) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return new RecordedFile(path, kind, party, size, HexFormat.of().formatHex(digest.digest()));
    }
}
