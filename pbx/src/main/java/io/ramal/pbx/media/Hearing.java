package io.ramal.pbx.media;

/**
 * What a leg's phone hears: the other party, music on hold (the other party holds), or silence
 * (the server holds for this party: a holder hears nothing from the held side, as with a hold
 * key), or a prompt played to it ({@link CallMedia#play}). RTP keeps flowing with silence, so
 * phones that hang up on missing RTP do not.
 */
enum Hearing {
  PEER, MUSIC, SILENCE, PROMPT;

  /** What a leg whose own hold is {@code own} hears while its peer's hold is {@code peer}. */
  static Hearing of(LegHold own, LegHold peer) {
    if (peer.holder().isPresent()) return MUSIC;
    return own.byServer() ? SILENCE : PEER;
  }
}
