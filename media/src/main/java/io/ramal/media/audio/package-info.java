/**
 * Audio at rest and simple signal tools: WAV read/write (with conversion of common uploads to the
 * media plane's 8 kHz mono {@link io.ramal.media.Pcm} format), tenant-upload validation, tone
 * generation, Goertzel tone detection and level measurement. Failures are values
 * ({@link io.ramal.media.audio.WavResult}); nothing here reads a clock or starts a thread.
 */
package io.ramal.media.audio;
