package io.ramal.media.audio;

/**
 * Why a WAV file was refused: a machine-readable code (the API maps it to a 4xx) with a sentence
 * a tenant administrator can act on.
 */
public enum WavProblem {
    NOT_WAV("not a WAV file (expected a RIFF/WAVE header)"),
    MALFORMED("the WAV file is damaged or inconsistent"),
    UNSUPPORTED_ENCODING("unsupported sample encoding: use 16-bit PCM, µ-law or A-law"),
    UNSUPPORTED_CHANNELS("unsupported channel count: use mono or stereo"),
    UNSUPPORTED_SAMPLE_RATE("unsupported sample rate: use 8000 to 96000 Hz"),
    UNSUPPORTED_BITS("unsupported sample size: use 8, 16 or 24 bits"),
    NO_AUDIO("the file holds no audio"),
    TOO_LARGE("the file is too large"),
    TOO_LONG("the audio is too long"),
    TOO_SHORT("the audio is too short"),
    SILENT("the audio is silent"),
    UNREADABLE("the file could not be read");

    private final String message;

    WavProblem(String message) {
        this.message = message;
    }

    /** A user-facing sentence. */
    public String message() {
        return message;
    }
}
