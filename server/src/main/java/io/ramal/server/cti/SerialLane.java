package io.ramal.server.cti;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared carrier executor (virtual threads):
 * the "one writer per entity" lane of a tenant's CTI state. Never more than one task of a lane
 * runs at once, and a failing task does not stop the lane.
 */
final class SerialLane implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(SerialLane.class);
  private final Executor carrier;
  private final String name;
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  SerialLane(Executor carrier, String name) {
    this.carrier = Objects.requireNonNull(carrier, "carrier");
    this.name = Objects.requireNonNull(name, "name");
  }

  @Override
  public void execute(Runnable task) {
    queue.add(Objects.requireNonNull(task, "task"));
    if (scheduled.compareAndSet(false, true)) carrier.execute(this::drain);
  }

  int queued() {
    return queue.size();
  }

  private void drain() {
    while (true) {
      Runnable task;
      while ((task = queue.poll()) != null) {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.atError().setCause(e).addKeyValue("lane", name).log("task failed");
        }
      }
      scheduled.set(false);
      if (queue.isEmpty() || !scheduled.compareAndSet(false, true)) return;
    }
  }
}
