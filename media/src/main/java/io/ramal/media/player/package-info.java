/**
 * Playing audio into legs: {@link io.ramal.media.player.Player} (a WAV clip as an interruptible
 * frame source), per-tenant {@link io.ramal.media.player.MusicOnHold} with our own generated
 * default music, and the {@link io.ramal.media.player.MediaClock} — the 20 ms platform-thread
 * clock that moves frames from sources to sinks for players, mixers and recorders.
 */
package io.ramal.media.player;
