package io.ramal.server.cti;

import io.ramal.cti.QueueOffer;
import io.ramal.cti.ReleaseCause;
import io.ramal.cti.queue.QueueEffect;
import io.ramal.cti.queue.QueueFact;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What {@link TelephonyFacts} keeps of calls answered for a queue: the leg of each device being
 * offered the call, the offers a queue ordered that the PBX has not called yet (so the leg's
 * {@code call.delivered} carries the queue and the caller's wait), and the end of each queue call,
 * which the queue hears at the instant of its CDR (the PBX reports the two in either order), so the
 * queue's handling times and the agents' talk times agree to the millisecond. It hands the queue's
 * facts to the queue desk.
 */
final class QueueLegs {
  /** Calls answered for a queue: the leg id of each device being offered the call. */
  private final Map<String, Map<String, String>> offers = new ConcurrentHashMap<>();
  /** Offers a queue ordered and the PBX has not called yet: call id → device → the queue's offer. */
  private final Map<String, Map<String, QueueOffer>> ordered = new ConcurrentHashMap<>();
  /** Queue calls whose end the PBX reported to the queue, waiting for their CDR's end instant. */
  private final Set<String> ending = ConcurrentHashMap.newKeySet();
  /** Queue calls whose CDR came before the queue heard of their end: call id → the CDR's end. */
  private final Map<String, Instant> recorded = new ConcurrentHashMap<>();
  private volatile Consumer<QueueFact> facts = fact -> {};

  void reportTo(Consumer<QueueFact> facts) {
    this.facts = Objects.requireNonNull(facts, "facts");
  }

  void report(QueueFact fact) {
    facts.accept(fact);
  }

  void arrived(String callId) {
    offers.putIfAbsent(callId, new ConcurrentHashMap<>());
  }

  void ordered(QueueEffect.Offer offer) {
    ordered.computeIfAbsent(offer.callId(), id -> new ConcurrentHashMap<>())
        .put(offer.device(), new QueueOffer(offer.queue(), offer.waited()));
  }

  void dropped(QueueEffect.Offer offer) {
    ordered.computeIfPresent(offer.callId(), (id, byDevice) -> {
      byDevice.remove(offer.device());
      return byDevice.isEmpty() ? null : byDevice;
    });
  }

  /** {@code device} is being called as leg {@code legId}; the queue's offer, unless the caller was sent on. */
  Optional<QueueOffer> called(String callId, String device, String legId, boolean sentOn) {
    offers.computeIfAbsent(callId, id -> new ConcurrentHashMap<>()).put(device, legId);
    return sentOn ? Optional.empty() : Optional.ofNullable(ordered.get(callId)).map(byDevice -> byDevice.remove(device));
  }

  /** The leg of {@code device}'s offer, while it is offered. */
  Optional<String> leg(String callId, String device) {
    return Optional.ofNullable(offers.getOrDefault(callId, Map.of()).get(device));
  }

  /** The offer to {@code device} is over (answered or ended): its leg. */
  Optional<String> over(String callId, String device) {
    return Optional.ofNullable(offers.get(callId)).map(byDevice -> byDevice.remove(device));
  }

  /** The offer to {@code device} failed with {@code cause}; the queue hears why. */
  void failed(String tenantId, String callId, String device, ReleaseCause cause, Instant at) {
    QueueFact.OfferFailed.Cause why = switch (cause) {
      case BUSY -> QueueFact.OfferFailed.Cause.BUSY;
      case REJECTED -> QueueFact.OfferFailed.Cause.DECLINED;
      case UNREACHABLE -> QueueFact.OfferFailed.Cause.UNREACHABLE;
      default -> QueueFact.OfferFailed.Cause.NO_ANSWER;
    };
    facts.accept(new QueueFact.OfferFailed(tenantId, callId, device, why, at));
  }

  /** The PBX reported the queue call's end: the queue hears it now if its CDR came first, else with the CDR. */
  void callEnded(String tenantId, String callId) {
    offers.remove(callId);
    ordered.remove(callId);
    Instant at = recorded.remove(callId);
    if (at != null) {
      facts.accept(new QueueFact.CallEnded(tenantId, callId, at));
    } else {
      ending.add(callId);
    }
  }

  /** The CDR of a call came, ending at {@code at}. */
  void recorded(String tenantId, String callId, Instant at) {
    if (ending.remove(callId)) {
      facts.accept(new QueueFact.CallEnded(tenantId, callId, at));
    } else if (offers.containsKey(callId)) {
      recorded.put(callId, at);
    }
  }
}
