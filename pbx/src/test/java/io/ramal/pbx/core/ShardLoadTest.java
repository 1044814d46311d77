package io.ramal.pbx.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShardLoadTest {
  private static final long MS = 1_000_000L;
  private final ShardLoad load = new ShardLoad(new OverloadPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5)));

  @Test
  void aQueueDeeperThanTheLimitIsOverloaded() {
    for (int i = 0; i < 3; i++) load.enqueued();
    assertThat(load.overloaded()).isFalse();
    load.enqueued();
    assertThat(load.overloaded()).isTrue();
  }

  @Test
  void aStandingQueueWhoseMessagesWaitedTooLongIsOverloaded() {
    load.enqueued();
    load.enqueued();
    load.started(0, 150 * MS);
    assertThat(load.waiting()).isEqualTo(1);
    assertThat(load.overloaded()).isTrue();
  }

  @Test
  void aLongWaitIsForgottenOnceTheQueueHasDrained() {
    load.enqueued();
    load.started(0, 150 * MS);
    assertThat(load.overloaded()).isFalse();
  }

  @Test
  void shortWaitsWithABacklogWithinTheLimitAreFine() {
    load.enqueued();
    load.enqueued();
    load.started(0, 5 * MS);
    assertThat(load.overloaded()).isFalse();
  }
}
