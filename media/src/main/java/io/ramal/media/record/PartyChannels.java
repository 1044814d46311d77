package io.ramal.media.record;

/** Whether a recording also keeps each party apart, beside the mixed mono file. */
public enum PartyChannels {
    /** Only the mixed mono WAV (and its MP3). */
    NONE,
    /** Also a stereo WAV: first party left, second party right (exactly two parties). */
    STEREO,
    /** Also one mono WAV per party. */
    SEPARATE
}
