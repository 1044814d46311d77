package io.ramal.media.player;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TickPlanTest {
    private static final long P = 20;

    @Test
    void nothingIsDueBeforeTheDeadline() {
        assertThat(TickPlan.of(99, 100, P, 3)).isEqualTo(new TickPlan(0, 0, 100));
    }

    @Test
    void onTimeRunsOneTickAndKeepsTheGrid() {
        assertThat(TickPlan.of(100, 100, P, 3)).isEqualTo(new TickPlan(1, 0, 120));
        assertThat(TickPlan.of(119, 100, P, 3)).isEqualTo(new TickPlan(1, 0, 120));
    }

    @Test
    void slightlyLateCatchesUpInOneBurst() {
        assertThat(TickPlan.of(140, 100, P, 3)).isEqualTo(new TickPlan(3, 0, 160));
    }

    @Test
    void farBehindRunsAtMostTheBurstAndSkipsTheRest() {
        assertThat(TickPlan.of(300, 100, P, 3)).isEqualTo(new TickPlan(3, 8, 320));
    }
}
