/**
 * Call recording: a {@link io.ramal.media.record.Recorder} takes each party's audio, mixes it on
 * the media clock and streams it to WAV (optionally one channel per party) on a writer thread,
 * then makes an MP3 off the media path and reports files, duration, sizes and SHA-256 checksums
 * for the recordings index.
 */
package io.ramal.media.record;
