/**
 * Anchored media: {@link io.ramal.media.relay.RtpEndpoint} is one leg's RTP/RTCP socket pair
 * (symmetric RTP latching, validation, counters, DTMF detection, PCM taps, PCM frames in,
 * generated digits, dead-call watch, RTCP reports sent and read); {@link io.ramal.media.relay.RtpBridge} joins two legs and
 * relays between them, transcoding G.711 laws and keeping each receiver's stream continuous.
 * Design notes: docs/adr/0004-anchored-media.md.
 */
package io.ramal.media.relay;
