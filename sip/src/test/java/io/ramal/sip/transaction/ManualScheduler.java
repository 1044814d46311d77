package io.ramal.sip.transaction;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/** Virtual time: tasks run only when the test advances the clock, in due order (ties in scheduling order). */
final class ManualScheduler implements Scheduler {
  private record Task(Duration due, long order, Runnable action) {}

  private final PriorityQueue<Task> queue =
      new PriorityQueue<>(Comparator.comparing(Task::due).thenComparingLong(Task::order));
  private Duration now = Duration.ZERO;
  private long order;

  @Override
  public Cancellable schedule(Duration delay, Runnable action) {
    if (delay.isNegative()) throw new IllegalArgumentException("negative delay " + delay);
    Task task = new Task(now.plus(delay), order++, action);
    queue.add(task);
    return () -> queue.remove(task);
  }

  /** Moves time forward, running every task that falls due on the way (also ones scheduled meanwhile). */
  void advance(Duration step) {
    Duration target = now.plus(step);
    while (!queue.isEmpty() && queue.peek().due().compareTo(target) <= 0) {
      Task task = queue.poll();
      now = task.due();
      task.action().run();
    }
    now = target;
  }

  void advanceTo(Duration instant) {
    advance(instant.minus(now));
  }

  /** Runs tasks scheduled with zero delay. */
  void runDue() {
    advance(Duration.ZERO);
  }

  Duration now() {
    return now;
  }

  int pendingTasks() {
    return queue.size();
  }
}
