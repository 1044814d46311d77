package io.ramal.api.ivr;

import java.util.Objects;

/** What became of a prompt upload: kept, or refused with a reason the uploader can act on. */
public sealed interface PromptUpload {
    /**
     * @param prompt the prompt as it is played (converted to 8 kHz mono 16-bit PCM)
     * @param uploadedFormat the uploaded file's own format, e.g. {@code "PCM 16-bit 44100 Hz stereo"}
     */
    record Stored(StoredPrompt prompt, String uploadedFormat) implements PromptUpload {
        public Stored {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(uploadedFormat, "uploadedFormat");
        }
    }

    /**
     * @param tooLarge the file is over the size limit (413 rather than 400)
     * @param reason a sentence saying what is wrong with the file
     */
    record Refused(boolean tooLarge, String reason) implements PromptUpload {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
