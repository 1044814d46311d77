package io.ramal.pbx.media;

import io.ramal.media.FrameSource;
import io.ramal.media.mixer.Participant;
import io.ramal.media.player.MediaClock;
import io.ramal.media.player.Player;
import io.ramal.media.relay.Feed;
import io.ramal.media.relay.RtpEndpoint;
import io.ramal.pbx.media.CallMedia.Side;
import io.ramal.sip.sdp.Connection;
import io.ramal.sip.sdp.LocalSession;
import io.ramal.sip.sdp.Origin;
import io.ramal.sip.sdp.SessionDescription;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One leg of an anchored call: its endpoint, where its offer/answer stands, who holds it, what it
 * hears instead of its peer, and its place in the conference mixer while it has one. A leg is its
 * own object (not a pair of fields of the call) because it outlives its role: a new leg takes a
 * side's place on transfer, a conference participant takes a side when one leaves. Shard thread
 * only, except {@link Seat}, which the endpoint's listener reads on a media thread.
 */
final class LegMedia {
  /**
   * Where a leg's endpoint reports to: its side, or none while it is a conference participant
   * beyond the two sides (its digits and silence are not the call's business then). Written on
   * the shard, read by the endpoint's listener on a media thread: hence volatile.
   */
  static final class Seat {
    volatile Side side;
    volatile boolean extra;

    Seat(Side side) {
      this.side = side;
    }
  }

  /** Which side the leg is on (a conference participant may take a side later). */
  final Seat seat;
  final RtpEndpoint endpoint;
  LocalSession local;
  SessionDescription lastOffer;
  boolean awaitingAnswer;
  SessionDescription answer;
  boolean negotiated;
  final LegHold hold = new LegHold();
  Hearing hearing = Hearing.PEER;
  /** The music player while this leg hears music on hold (null while it hears silence). */
  Player music;
  /** Music or silence frames feeding this leg, while it does not hear its peer. */
  MediaClock.Registration musicFeed;
  /** Its place in the conference mixer, while the call is a conference. */
  Participant participant;
  /** What it says going into the mixer. */
  AutoCloseable toMixer;

  LegMedia(Seat seat, RtpEndpoint endpoint, Connection connection) {
    this.seat = seat;
    this.endpoint = endpoint;
    long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    this.local = LocalSession.start(Origin.of(id, connection));
  }

  int port() {
    return endpoint.ports().rtp();
  }

  Side side() {
    return seat.side;
  }

  /** The leg hears {@code frames} (music, or silence) instead of the other party. */
  void play(FrameSource frames, Player music, MediaClock clock) {
    this.music = music;
    endpoint.feed(Feed.FRAMES);
    musicFeed = clock.connect(frames, endpoint.outbound());
  }

  /** The leg hears the other party again (whatever it heard instead stops). */
  void stopMusic() {
    if (musicFeed == null) return;
    musicFeed.cancel();
    if (music != null) music.stop();
    music = null;
    musicFeed = null;
    hearing = Hearing.PEER;
    if (!endpoint.isClosed()) endpoint.feed(Feed.RELAY);
  }
}
