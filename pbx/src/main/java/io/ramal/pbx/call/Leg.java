package io.ramal.pbx.call;

import io.ramal.pbx.media.CallMedia;

import io.ramal.sip.dialog.Dialog;
import io.ramal.sip.transport.Peer;

/**
 * One side of a B2BUA call: our dialog with the caller (A) or with the callee (B), and the peer
 * in-dialog requests go to (the phone's registration source, the caller's source, the trunk).
 */
final class Leg {
  final Call call;
  final boolean callerSide;
  final Dialog dialog;
  final Peer peer;
  /** The leg's party left the call (transferred it): it is no longer one of the call's two sides. */
  boolean departed;

  Leg(Call call, boolean callerSide, Dialog dialog, Peer peer) {
    this.call = call;
    this.callerSide = callerSide;
    this.dialog = dialog;
    this.peer = peer;
  }

  Leg other() {
    return callerSide ? call.calleeLeg : call.callerLeg;
  }

  CallMedia.Side side() {
    return callerSide ? CallMedia.Side.CALLER : CallMedia.Side.CALLEE;
  }

  String name() {
    return callerSide ? "caller" : "callee";
  }
}
