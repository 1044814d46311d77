package io.ramal.pbx.call;

import io.ramal.pbx.media.CallMedia;
import io.ramal.pbx.record.CallRecording;

import io.ramal.pbx.directory.Trunk;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.transaction.Scheduler;
import io.ramal.sip.transaction.ServerTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A B2BUA call: the caller's INVITE transaction, the forks towards the callee, then two legs. A
 * call Ramal originated itself (click-to-call, {@link Originator}) has no caller INVITE: both of
 * its legs are our own UAC dialogs, and it reaches the {@link B2bua} only once both answered.
 */
final class Call {
  enum State { RINGING, ANSWERED, CONFIRMED, ENDED }

  final String id;
  final CallOrigin origin;
  /**
   * What the call is for, as its CDR names it: the number dialled, or for a call Ramal answers itself
   * where it is now (a voice menu {@code ivr:NAME}, then the destination the menu sent it to).
   */
  String callee;
  final CallRecord.Direction direction;
  /** The caller's INVITE; null for a call Ramal originated. */
  final ServerTransaction callerInvite;
  /** The Call-ID of the caller's dialog: the caller's INVITE, or ours to the originating device. */
  final String callerCallId;
  /** Our tag in the caller's dialog: the To tag we answer with, or the From tag of our INVITE. */
  final String callerTag;
  final String calleeCallId;
  final String calleeFromTag;
  final Instant startedAt;
  final Optional<Trunk> trunk;
  final List<Fork> forks = new ArrayList<>();
  State state = State.RINGING;
  Instant answeredAt;
  Leg callerLeg;
  Leg calleeLeg;
  Scheduler.Cancellable noAnswerTimer = Scheduler.Cancellable.NONE;
  /** The callee's 2xx awaits our ACK until the caller's ACK brings the SDP answer (late offer). */
  SipRequest pendingCalleeAck;
  boolean recorded;
  boolean alerted;
  CallMedia media = CallMedia.DIRECT;
  /** The call's recorder, made when first needed (answered, or asked by the API). */
  CallRecording recording;
  /** Who is on each side now (a transfer replaces one): numbers as the CTI layer names parties. */
  String callerParty;
  String calleeParty;
  /** A transfer or consultation under way, if any. */
  Transfer transfer;
  /** Participants beyond the two sides while the call is a conference (null: it is none). */
  Conference conference;
  /** The queue Ramal answered this call for (null: it never waited in one). */
  QueueWait queue;
  /** Set while the call is parked (docs/adr/0006-park-and-cross-call-joins.md). */
  Park park;
  /** A supervisor listening in, being called or answered (null: none). */
  Supervision supervision;
  /** The caller's walk through voice menus, when Ramal answered the call for one (null: never). */
  IvrVisit ivr;

  Call(String id, CallOrigin origin, String callee, CallRecord.Direction direction, ServerTransaction callerInvite,
      String callerTag, String calleeCallId, String calleeFromTag, Instant startedAt, Optional<Trunk> trunk) {
    this(id, origin, callee, direction, callerInvite, callerInvite.request().callId(), callerTag, calleeCallId,
        calleeFromTag, startedAt, trunk);
  }

  private Call(String id, CallOrigin origin, String callee, CallRecord.Direction direction, ServerTransaction callerInvite,
      String callerCallId, String callerTag, String calleeCallId, String calleeFromTag, Instant startedAt,
      Optional<Trunk> trunk) {
    this.id = id;
    this.origin = origin;
    this.callee = callee;
    this.direction = direction;
    this.callerInvite = callerInvite;
    this.callerCallId = callerCallId;
    this.callerTag = callerTag;
    this.calleeCallId = calleeCallId;
    this.calleeFromTag = calleeFromTag;
    this.startedAt = startedAt;
    this.trunk = trunk;
    this.callerParty = origin.number();
    this.calleeParty = callee;
  }

  /**
   * A call Ramal places between {@code origin}'s own device (the caller side, reached by our
   * INVITE with Call-ID {@code callerCallId}) and {@code callee}.
   */
  static Call originated(String id, CallOrigin origin, String callee, CallRecord.Direction direction, String callerCallId,
      String callerTag, String calleeCallId, String calleeFromTag, Instant startedAt, Optional<Trunk> trunk) {
    return new Call(id, origin, callee, direction, null, callerCallId, callerTag, calleeCallId, calleeFromTag, startedAt,
        trunk);
  }

  /** The caller's INVITE; only for a call placed by one, never for an originated call. */
  SipRequest callerRequest() {
    return callerInvite.request();
  }

  /** The leg on {@code side} now. */
  Leg leg(io.ramal.pbx.media.CallMedia.Side side) {
    return side == io.ramal.pbx.media.CallMedia.Side.CALLER ? callerLeg : calleeLeg;
  }

  boolean lateOffer() {
    return callerRequest().body().length == 0;
  }
}
