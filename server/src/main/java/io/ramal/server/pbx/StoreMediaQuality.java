package io.ramal.server.pbx;

import io.ramal.media.rtcp.PeerReport;
import io.ramal.media.rtcp.StreamQuality;
import io.ramal.pbx.media.MediaQualityListener;
import io.ramal.store.MediaQualities;
import io.ramal.store.MediaQuality;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each anchored call's media quality beside its CDR (the {@code media_quality} table, read
 * by the CDR API) and logs one line per call with both legs' loss, jitter and round trip. Writes
 * happen off the SIP shards, in the order calls end.
 */
public final class StoreMediaQuality implements MediaQualityListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreMediaQuality.class);
  private final MediaQualities qualities;
  private final InstantSource clock;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().name("media-quality-writer").daemon().factory());

  public StoreMediaQuality(DataSource dataSource, InstantSource clock) {
    this.qualities = new MediaQualities(dataSource);
    this.clock = clock;
  }

  @Override
  public void mediaClosed(String tenantId, String callId, StreamQuality caller, StreamQuality callee) {
    LOG.info("event=call_media_quality tenant={} call={} {} {}", tenantId, callId, summary("caller", caller),
        summary("callee", callee));
    var at = clock.instant();
    writer.execute(() -> {
      try {
        qualities.put(row(tenantId, callId, MediaQuality.Leg.CALLER, caller, at));
        qualities.put(row(tenantId, callId, MediaQuality.Leg.CALLEE, callee, at));
      } catch (RuntimeException e) {
        LOG.error("event=media_quality_write_failed call={} error={}", callId, e.toString());
      }
    });
  }

  static MediaQuality row(String tenantId, String callId, MediaQuality.Leg leg, StreamQuality q, java.time.Instant at) {
    Optional<MediaQuality.PeerView> peer = q.peer().map(p -> new MediaQuality.PeerView(
        (int) Math.min(255, Math.round(p.lossRatio() * 256)), p.cumulativeLost(), p.jitter(), p.roundTrip()));
    return new MediaQuality(tenantId, callId, leg, q.packetsSent(), q.packetsReceived(), q.packetsLost(), q.jitter(),
        q.reportsSent(), q.reportsReceived(), peer, q.worstRoundTrip(), at);
  }

  private static String summary(String leg, StreamQuality q) {
    String peer = q.peer().map(p -> peer(leg, p)).orElse(leg + "_peer_report=none");
    return String.format(Locale.ROOT, "%1$s_sent=%2$d %1$s_received=%3$d %1$s_lost=%4$d %1$s_loss=%5$.4f "
        + "%1$s_jitter_ms=%6$.2f %1$s_rtcp_in=%7$d %8$s", leg, q.packetsSent(), q.packetsReceived(), q.packetsLost(),
        q.lossRatio(), millis(q.jitter()), q.reportsReceived(), peer);
  }

  private static String peer(String leg, PeerReport p) {
    return String.format(Locale.ROOT, "%1$s_peer_loss=%2$.4f %1$s_peer_jitter_ms=%3$.2f %1$s_rtt_ms=%4$s", leg,
        p.lossRatio(), millis(p.jitter()),
        p.roundTrip().map(d -> String.format(Locale.ROOT, "%.1f", millis(d))).orElse("none"));
  }

  private static double millis(Duration d) {
    return d.toNanos() / 1e6;
  }

  /** Waits for queued rows to be written. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
