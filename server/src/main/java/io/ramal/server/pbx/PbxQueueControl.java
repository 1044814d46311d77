package io.ramal.server.pbx;

import io.ramal.cti.Language;
import io.ramal.cti.queue.OverflowTarget;
import io.ramal.cti.queue.QueueControl;
import io.ramal.cti.queue.QueueEffect;
import io.ramal.cti.queue.QueueFact;
import io.ramal.pbx.call.QueueOrder;
import io.ramal.pbx.core.Pbx;
import io.ramal.pbx.media.ControlOutcome;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue core's {@link QueueControl} carried out by the PBX: each effect becomes a
 * {@link QueueOrder} on the shard of the caller's call. The distributor calls on its tenant's lane
 * and must not wait, so the orders run on one serial executor per server (they are quick: the
 * shard only starts INVITEs or CANCELs), in the order given. An offer the PBX cannot even start
 * (the agent's extension is gone) is reported back at once as a failed offer, so the queue moves on.
 */
public final class PbxQueueControl implements QueueControl, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PbxQueueControl.class);
  private final Pbx pbx;
  private final Consumer<QueueFact> facts;
  private final OfferNotes notes;
  private final InstantSource clock;
  private final Announcements announcements;
  private final ExecutorService orders = Executors.newSingleThreadExecutor(
      Thread.ofVirtual().name("queue-orders").factory());

  /**
   * Where an offer is noted before the PBX is told to ring (so the ringing's CTI leg carries its queue and
   * wait), and dropped again when the PBX refuses it.
   */
  public interface OfferNotes {
    OfferNotes NONE = new OfferNotes() {
      @Override
      public void offering(QueueEffect.Offer offer) {}

      @Override
      public void offerDropped(QueueEffect.Offer offer) {}
    };

    void offering(QueueEffect.Offer offer);

    void offerDropped(QueueEffect.Offer offer);
  }

  /**
   * How a queue announces: the language its callers hear their positions in, the estimated wait to say
   * (if the queue says it and knows one) and the reference of its uploaded announcement, if any. Asked
   * on the order thread (it may read the store and the queue desk), never on the distributor's lane.
   */
  @FunctionalInterface
  public interface Announcements {
    Announcements NONE = (tenant, queue) -> Announcement.PLAIN;

    Announcement of(String tenant, String queue);
  }

  /** What one announcement of a queue says besides the position. */
  public record Announcement(Language language, Optional<Duration> estimatedWait, Optional<String> prompt) {
    /** English, no wait, no uploaded announcement. */
    public static final Announcement PLAIN = new Announcement(Language.EN, Optional.empty(), Optional.empty());

    public Announcement {
      Objects.requireNonNull(language, "language");
      Objects.requireNonNull(estimatedWait, "estimatedWait");
      Objects.requireNonNull(prompt, "prompt");
    }
  }

  public PbxQueueControl(Pbx pbx, Consumer<QueueFact> facts, OfferNotes notes, InstantSource clock) {
    this(pbx, facts, notes, clock, Announcements.NONE);
  }

  public PbxQueueControl(Pbx pbx, Consumer<QueueFact> facts, OfferNotes notes, InstantSource clock,
      Announcements announcements) {
    this.pbx = Objects.requireNonNull(pbx, "pbx");
    this.facts = Objects.requireNonNull(facts, "facts");
    this.notes = Objects.requireNonNull(notes, "notes");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.announcements = Objects.requireNonNull(announcements, "announcements");
  }

  @Override
  public void offer(QueueEffect.Offer offer) {
    notes.offering(offer);
    run(offer, new QueueOrder.Offer(offer.device()), () -> {
      notes.offerDropped(offer);
      facts.accept(new QueueFact.OfferFailed(offer.tenant(), offer.callId(), offer.device(),
          QueueFact.OfferFailed.Cause.UNREACHABLE, clock.instant()));
    });
  }

  @Override
  public void withdraw(QueueEffect.Withdraw withdraw) {
    run(withdraw, new QueueOrder.Withdraw(withdraw.device()), () -> {});
  }

  @Override
  public void overflow(QueueEffect.Overflow overflow) {
    OverflowTarget to = overflow.destination();
    QueueOrder order = to.kind() == OverflowTarget.Kind.QUEUE ? new QueueOrder.Requeue(to.value())
        : new QueueOrder.SendOn(to.value());
    run(overflow, order, () -> {});
  }

  @Override
  public void release(QueueEffect.Release release) {
    run(release, new QueueOrder.Release("released by queue " + release.queue() + " (" + release.cause().wire() + ")",
        release.cause() != QueueEffect.Exit.MAX_WAIT), () -> {});
  }

  /**
   * The caller hears its position spoken in the queue's language (and the estimated wait, if the queue
   * says it), then the queue's uploaded announcement if it has one; music stops for them.
   */
  @Override
  public void announce(QueueEffect.Announce announce) {
    run(announce, () -> {
      Announcement a = announcements.of(announce.tenant(), announce.queue());
      return new QueueOrder.Announce(announce.queue(), announce.position(), announce.waiting(), a.prompt(),
          a.language(), a.estimatedWait());
    }, () -> {});
  }

  private void run(QueueEffect effect, QueueOrder order, Runnable whenRefused) {
    run(effect, () -> order, whenRefused);
  }

  /** Runs the order {@code orderOf} makes on the order thread (making it may read the store). */
  private void run(QueueEffect effect, Supplier<QueueOrder> orderOf, Runnable whenRefused) {
    orders.execute(() -> {
      ControlOutcome outcome;
      QueueOrder order;
      try {
        order = orderOf.get();
      } catch (RuntimeException e) {
        LOG.error("event=queue_order_failed call={} tenant={}", effect.callId(), effect.tenant(), e);
        whenRefused.run();
        return;
      }
      try {
        outcome = pbx.queue(effect.tenant(), effect.callId(), order);
      } catch (RuntimeException e) {
        LOG.error("event=queue_order_failed call={} tenant={} order={}", effect.callId(), effect.tenant(), order, e);
        whenRefused.run();
        return;
      }
      if (outcome instanceof ControlOutcome.Refused r) {
        LOG.info("event=queue_order_refused call={} tenant={} order={} reason={} message=\"{}\"", effect.callId(),
            effect.tenant(), order, r.reason(), r.message());
        whenRefused.run();
      }
    });
  }

  @Override
  public void close() {
    orders.shutdownNow();
  }
}
