package io.ramal.pbx.call;

import io.ramal.sip.dialog.DialogId;
import io.ramal.sip.transaction.ServerTransaction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The live calls of one shard, by every key something arrives with: the caller's INVITE
 * transaction (CANCEL, an un-ACKed 2xx), a dialog id (in-dialog requests), the Call-ID of our
 * INVITE towards the callee (stray 2xx), and tenant plus call id (API commands). Shard thread only.
 */
final class ShardCalls {
  private final Map<ServerTransaction, Call> ringing = new HashMap<>();
  private final Map<DialogId, Leg> legs = new HashMap<>();
  private final Map<String, Call> byCalleeCallId = new HashMap<>();

  /** A routed call whose callee side is being called. */
  void ringing(ServerTransaction callerInvite, Call call) {
    ringing.put(callerInvite, call);
    byCalleeCallId.put(call.calleeCallId, call);
  }

  /** Both legs of {@code call} are dialogs now: in-dialog requests find them. */
  void answered(Call call) {
    if (call.callerInvite != null) ringing.remove(call.callerInvite);
    track(call.callerLeg);
    if (call.calleeLeg != null) track(call.calleeLeg); // none while the caller waits in a queue
    byCalleeCallId.put(call.calleeCallId, call);
  }

  /** {@code call} ended, answered or not: nothing finds it any more. */
  void ended(Call call) {
    if (call.callerInvite != null) ringing.remove(call.callerInvite);
    if (call.callerLeg != null) legs.remove(call.callerLeg.dialog.id());
    if (call.calleeLeg != null) legs.remove(call.calleeLeg.dialog.id());
    byCalleeCallId.remove(call.calleeCallId);
  }

  /** A leg whose dialog's requests come here (a side of its call, or a leg joining or leaving it). */
  void track(Leg leg) {
    legs.put(leg.dialog.id(), leg);
  }

  void forget(Leg leg) {
    legs.remove(leg.dialog.id());
  }

  boolean isTracked(Leg leg) {
    return legs.get(leg.dialog.id()) == leg;
  }

  Leg leg(DialogId id) {
    return legs.get(id);
  }

  Call ringingFor(ServerTransaction callerInvite) {
    return ringing.get(callerInvite);
  }

  Call byCalleeCallId(String callId) {
    return byCalleeCallId.get(callId);
  }

  /** The answered call whose caller's INVITE is {@code invite}. */
  Optional<Call> answeredBy(ServerTransaction invite) {
    return legs.values().stream().filter(l -> l.callerSide && l.call.callerInvite == invite).map(l -> l.call).findFirst();
  }

  /** Call {@code callId} of {@code tenant}, ringing on this shard. */
  Optional<Call> ringing(String tenant, String callId) {
    return List.copyOf(ringing.values()).stream().filter(c -> c.id.equals(callId) && c.origin.tenantId().equals(tenant)
        && c.state == Call.State.RINGING).findFirst();
  }

  /** Call {@code callId} of {@code tenant}, answered and live on this shard. */
  Optional<Call> answered(String tenant, String callId) {
    return legs.values().stream().map(l -> l.call).filter(c -> c.id.equals(callId)
        && c.origin.tenantId().equals(tenant) && c.state != Call.State.ENDED).findFirst();
  }

  int count() {
    return (int) Stream.concat(ringing.values().stream(), legs.values().stream().map(l -> l.call)).distinct().count();
  }
}
