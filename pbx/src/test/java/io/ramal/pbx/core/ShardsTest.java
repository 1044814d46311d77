package io.ramal.pbx.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardsTest {
  @Test
  void callIdsWeGenerateLandOnTheShardTheyName() {
    List<Shards.Lane> lanes = new ArrayList<>();
    for (int i = 0; i < 4; i++) lanes.add(new Shards.Lane(null, null, null, null));
    Shards shards = new Shards(lanes);
    assertThat(shards.indexFor("abc~s3")).isEqualTo(3);
    assertThat(shards.indexFor("abc~s0")).isZero();
    assertThat(shards.indexFor("abc~s9")).isBetween(0, 3);
    assertThat(shards.indexFor("foreign@host")).isEqualTo(shards.indexFor("foreign@host")).isBetween(0, 3);
  }
}
