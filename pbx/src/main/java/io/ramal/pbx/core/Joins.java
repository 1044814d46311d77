package io.ramal.pbx.core;

import io.ramal.pbx.call.ParkingLot;
import io.ramal.sip.dialog.Replaces;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transaction.ServerTransaction;
import io.ramal.sip.transport.Peer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * New dialogs that join a call on another shard (docs/adr/0006-park-and-cross-call-joins.md; a
 * pickup of a park slot, an INVITE with Replaces): the
 * shard that received the INVITE keeps its transaction and hands the request to the call's shard,
 * which answers it; once the ACK for that answer arrives, the Call-ID is pinned to the call's
 * shard so the rest of the dialog is served there.
 */
final class Joins {
  private final ParkingLot lot;
  private Shards shards;
  /** Call-IDs answered by another shard whose ACK has not come yet → that shard. */
  private final Map<String, Integer> awaitingAck = new ConcurrentHashMap<>();

  Joins(ParkingLot lot) {
    this.lot = lot;
  }

  void shards(Shards shards) {
    this.shards = shards;
  }

  /** Whether {@code dialed} is a park slot number (of every tenant). */
  boolean isSlot(String dialed) {
    return lot.settings().isSlot(dialed);
  }

  /**
   * On the receiving shard {@code here}: {@code device} of {@code tenant} dialled park slot
   * {@code slot}. Answered 404 at once when nothing is parked there.
   */
  void pickup(int here, ServerTransaction tx, String tenant, String device, String slot, String toTag) {
    Optional<ParkingLot.Slot> parked = lot.find(tenant, slot);
    SipRequest invite = tx.request();
    if (parked.isEmpty()) {
      tx.respond(SipResponse.to(invite, 404, toTag).withReason("Not Found (no call parked in " + slot + ")"));
      return;
    }
    int there = parked.get().shard();
    Shards.Lane hereLane = shards.lane(here);
    Shards.Lane thereLane = shards.lane(there);
    Peer peer = tx.peer();
    thereLane.shard().execute(() -> {
      SipResponse r = thereLane.router().b2bua().parking().joinByInvite(tenant, slot, invite, peer, device, toTag);
      if (r.isSuccess() && there != here) awaitingAck.put(invite.callId(), there);
      hereLane.shard().execute(() -> tx.respond(r));
    });
  }

  /**
   * On the receiving shard {@code here}: {@code device} of {@code tenant} sent an INVITE with
   * {@code replaces} (RFC 3891). The shard serving the named dialog's Call-ID answers it, as for a
   * pickup; a 200 pins the new dialog there once ACKed.
   */
  void replace(int here, ServerTransaction tx, String tenant, String device, Replaces replaces, String toTag) {
    SipRequest invite = tx.request();
    int there = shards.indexFor(replaces.callId());
    Shards.Lane hereLane = shards.lane(here);
    Shards.Lane thereLane = shards.lane(there);
    Peer peer = tx.peer();
    thereLane.shard().execute(() -> {
      SipResponse r = thereLane.router().b2bua().replaces().invites().answer(tenant, device, invite, peer, replaces, toTag);
      if (r.isSuccess() && there != here) awaitingAck.put(invite.callId(), there);
      hereLane.shard().execute(() -> tx.respond(r));
    });
  }

  /** An ACK no call of the receiving shard wanted: for a dialog answered by another shard, pin it there and pass it on. */
  void acked(SipRequest ack, Peer from) {
    Integer there = awaitingAck.remove(ack.callId());
    if (there == null) return;
    shards.pin(ack.callId(), there);
    Shards.Lane lane = shards.lane(there);
    lane.shard().execute(() -> lane.router().onAck(ack, from));
  }

  /** The 2xx was never ACKed: forget it (the joined call's shard hangs the leg up when its media dies). */
  void ackTimedOut(SipRequest invite) {
    awaitingAck.remove(invite.callId());
  }
}
