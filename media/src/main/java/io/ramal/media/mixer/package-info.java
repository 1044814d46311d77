/**
 * Conference mixing on the 20 ms {@link io.ramal.media.player.MediaClock}: each participant hears
 * the soft-limited sum of everyone else. Inputs arrive asynchronously (RTP threads) into small
 * {@link io.ramal.media.mixer.JitterBuffer}s; the clock thread does all mixing.
 */
package io.ramal.media.mixer;
