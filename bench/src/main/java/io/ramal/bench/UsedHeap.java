package io.ramal.bench;

import java.lang.management.ManagementFactory;

/** The used heap, read the way the heap programs compare it: once full collections free no more. */
final class UsedHeap {
  private UsedHeap() {}

  /** Used heap once full collections stop freeing anything (at most 10 rounds). */
  static long afterFullCollections() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int round = 0; round < 10; round++) {
      System.gc();
      Thread.sleep(100);
      long now = memory.getHeapMemoryUsage().getUsed();
      if (round >= 2 && now >= used) return Math.min(used, now);
      used = Math.min(used, now);
    }
    return used;
  }
}
