package io.ramal.pbx.core;

import io.ramal.sip.transaction.Scheduler;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One serial executor: every transaction, dialog and call whose Call-ID maps here is touched only
 * by this thread, and its timers fire on it too (one writer per entity, docs/CONCURRENCY.md).
 */
public final class Shard implements Executor, Scheduler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Shard.class);
  private final ScheduledThreadPoolExecutor executor;
  private final int index;

  public Shard(int index) {
    this.index = index;
    this.executor = new ScheduledThreadPoolExecutor(1,
        Thread.ofPlatform().name("sip-shard-" + index).daemon().factory());
    this.executor.setRemoveOnCancelPolicy(true);
  }

  public int index() {
    return index;
  }

  @Override
  public void execute(Runnable task) {
    try {
      executor.execute(() -> runSafely(task));
    } catch (RejectedExecutionException e) {
      log.debug("event=shard_rejected shard={}", index);
    }
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    try {
      ScheduledFuture<?> f = executor.schedule(() -> runSafely(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException e) {
      return Cancellable.NONE;
    }
  }

  /** Pending timers and tasks (for leak checks). */
  public int queued() {
    return executor.getQueue().size();
  }

  private void runSafely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      // A bug in one call must not stop every other call of this shard.
      log.error("event=shard_task_failed shard={}", index, e);
    }
  }

  /** Runs a task on this shard and waits for it (tests, shutdown, snapshots). */
  public <T> T call(java.util.concurrent.Callable<T> task) {
    try {
      return executor.submit(task).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("shard task failed", e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
