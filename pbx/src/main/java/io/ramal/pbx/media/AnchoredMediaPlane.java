package io.ramal.pbx.media;

import io.ramal.media.player.MediaClock;
import io.ramal.media.player.MusicOnHold;
import io.ramal.media.relay.EndpointSettings;
import io.ramal.media.relay.MediaReactor;
import io.ramal.media.relay.RtpEndpoint;
import io.ramal.media.rtp.RtpPortPool;
import io.ramal.sip.sdp.AudioCapabilities;
import io.ramal.sip.sdp.Connection;
import io.ramal.sip.transaction.Scheduler;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Media anchored on Ramal: every leg gets an RTP port pair from {@code pool}, both phones send
 * their audio to us, and we relay it (transcoding between µ-law and A-law when the legs disagree),
 * play music to a held party, detect DTMF and hang up calls whose audio stopped. Every leg's
 * sockets are read by the plane's {@link MediaReactor} (a few {@code media-io-*} threads).
 */
public final class AnchoredMediaPlane implements MediaPlane, AutoCloseable {
  /**
   * @param advertisedAddress the address put in our SDP (the bind address unless it is a wildcard)
   * @param deadMediaAfter    an answered call whose legs send no RTP for this long is hung up
   */
  public record Settings(EndpointSettings endpoints, String advertisedAddress, Duration deadMediaAfter) {
    public Settings {
      Objects.requireNonNull(endpoints, "endpoints");
      Objects.requireNonNull(advertisedAddress, "advertisedAddress");
      Objects.requireNonNull(deadMediaAfter, "deadMediaAfter");
    }
  }

  final RtpPortPool pool;
  final Settings settings;
  final InstantSource clock;
  final MediaClock mediaClock;
  final MediaReactor reactor;
  final MusicOnHold music;
  final MediaQualityListener quality;
  final AudioCapabilities capabilities = AudioCapabilities.g711();
  final Connection connection;

  public AnchoredMediaPlane(RtpPortPool pool, Settings settings, InstantSource clock, MusicOnHold music) {
    this(pool, settings, clock, music, MediaQualityListener.NONE);
  }

  /** A plane that reports each call's media quality to {@code quality} when the call ends. */
  public AnchoredMediaPlane(RtpPortPool pool, Settings settings, InstantSource clock, MusicOnHold music,
      MediaQualityListener quality) {
    this.quality = Objects.requireNonNull(quality, "quality");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.music = Objects.requireNonNull(music, "music");
    this.connection = Connection.of(settings.advertisedAddress());
    this.mediaClock = MediaClock.start("media-clock");
    this.reactor = MediaReactor.start();
  }

  @Override
  public CallMedia open(String callId, String tenantId, Scheduler scheduler, MediaListener listener) {
    return new AnchoredCallMedia(this, callId, tenantId, scheduler, listener);
  }

  /** The music on hold the plane plays (tenants' uploads are made current through it). */
  public MusicOnHold music() {
    return music;
  }

  /** RTP port pairs not in use (every call's ports come back when it ends). */
  public int availablePortPairs() {
    return pool.available();
  }

  /** Datagrams (RTP, RTCP) not sent because a socket's send buffer was full. */
  public long sendsDropped() {
    return reactor.sendsDropped();
  }

  /** Received datagrams whose handling failed (each was skipped; the call went on). */
  public long handlingFailures() {
    return reactor.handlingFailures();
  }

  /** Reports a closed call's media quality (its endpoints sent their last RTCP). */
  void reportQuality(String tenantId, String callId, RtpEndpoint caller, RtpEndpoint callee) {
    try {
      quality.mediaClosed(tenantId, callId, caller.quality(), callee.quality());
    } catch (RuntimeException e) {
      System.getLogger(AnchoredMediaPlane.class.getName()).log(System.Logger.Level.WARNING,
          "media quality listener failed for call " + callId, e);
    }
  }

  @Override
  public void close() {
    mediaClock.close();
    reactor.close();
  }
}
