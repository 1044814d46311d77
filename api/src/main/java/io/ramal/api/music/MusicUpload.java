package io.ramal.api.music;

import java.util.Objects;

/** What became of an upload: stored (and now played), or refused with a reason the uploader can act on. */
public sealed interface MusicUpload {
    /**
     * The upload is the tenant's music now.
     *
     * @param music the music as it is played (converted to 8 kHz mono 16-bit PCM)
     * @param uploadedFormat the uploaded file's own format, e.g. {@code "PCM 16-bit 44100 Hz stereo"}
     */
    record Stored(HoldMusic music, String uploadedFormat) implements MusicUpload {
        public Stored {
            Objects.requireNonNull(music, "music");
            Objects.requireNonNull(uploadedFormat, "uploadedFormat");
        }
    }

    /**
     * The upload was refused; nothing changed.
     *
     * @param tooLarge the file is over the size limit (413 rather than 400)
     * @param reason a sentence saying what is wrong with the file
     */
    record Refused(boolean tooLarge, String reason) implements MusicUpload {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
