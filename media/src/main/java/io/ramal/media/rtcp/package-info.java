/**
 * RTCP (RFC 3550 §6): the packets a compound report is made of, their encoding and parsing
 * ({@link io.ramal.media.rtcp.RtcpCompound}), and the pure bookkeeping behind a report — sequence
 * tracking, loss and interarrival jitter of a received stream
 * ({@link io.ramal.media.rtcp.ReceptionStatistics}) and what a peer reported back about ours
 * ({@link io.ramal.media.rtcp.PeerReport}). Nothing here reads a clock or touches a socket.
 */
package io.ramal.media.rtcp;
