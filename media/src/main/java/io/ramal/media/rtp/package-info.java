/**
 * RTP and RTCP on the wire (RFC 3550, RFC 5761 multiplexing) and the pool of UDP port pairs
 * legs receive on. Parsing reads a datagram in place (no copy); failures are values.
 */
package io.ramal.media.rtp;
