package io.ramal.server.pbx;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ramal.media.rtcp.StreamQuality;
import io.ramal.pbx.media.MediaQualityListener;
import java.util.Objects;

/**
 * Media quality as metrics, one observation per leg of each ended call: the loss and jitter Ramal
 * measured on what the phone sent, the loss the phone reported of what Ramal sent, and the
 * round trip; packets received, lost and late (over 20 ms) as totals over all legs; then hands
 * the call on to {@code next}.
 */
public final class MeteredMediaQuality implements MediaQualityListener {
  private final MediaQualityListener next;
  private final DistributionSummary receivedLoss;
  private final DistributionSummary peerLoss;
  private final Timer jitter;
  private final Timer roundTrip;
  private final Counter packetsReceived;
  private final Counter packetsLost;
  private final Counter packetsLate;

  public MeteredMediaQuality(MeterRegistry registry, MediaQualityListener next) {
    this.next = Objects.requireNonNull(next, "next");
    this.receivedLoss = DistributionSummary.builder("ramal_media_received_loss_ratio")
        .description("Share of RTP packets lost on their way to Ramal, per call leg").register(registry);
    this.peerLoss = DistributionSummary.builder("ramal_media_peer_reported_loss_ratio")
        .description("Share of Ramal's RTP packets the phone reported lost (last RTCP report), per call leg")
        .register(registry);
    this.jitter = Timer.builder("ramal_media_jitter").description("Interarrival jitter Ramal measured, per call leg")
        .register(registry);
    this.roundTrip = Timer.builder("ramal_media_round_trip")
        .description("Longest RTCP round-trip time per call leg").register(registry);
    this.packetsReceived = Counter.builder("ramal_media_packets_received")
        .description("RTP packets Ramal received on the legs of ended calls").register(registry);
    this.packetsLost = Counter.builder("ramal_media_packets_lost")
        .description("RTP packets missing by sequence number on the legs of ended calls").register(registry);
    this.packetsLate = Counter.builder("ramal_media_packets_late")
        .description("RTP packets read more than 20 ms later than the quickest of their stream, ended calls")
        .register(registry);
  }

  @Override
  public void mediaClosed(String tenantId, String callId, StreamQuality caller, StreamQuality callee) {
    observe(caller);
    observe(callee);
    next.mediaClosed(tenantId, callId, caller, callee);
  }

  private void observe(StreamQuality q) {
    packetsReceived.increment(q.packetsReceived());
    packetsLost.increment(q.packetsLost());
    packetsLate.increment(q.packetsLate());
    if (q.packetsReceived() + q.packetsLost() > 0) {
      receivedLoss.record(q.lossRatio());
      jitter.record(q.jitter());
    }
    q.peer().ifPresent(p -> peerLoss.record(p.lossRatio()));
    q.worstRoundTrip().ifPresent(roundTrip::record);
  }
}
