package io.ramal.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void handsOutBindablePortsBelowTheEphemeralRange() {
    PortRange range = FreePorts.consecutive(10);

    assertThat(range.count()).isEqualTo(10);
    assertThat(range.first()).isGreaterThanOrEqualTo(20000);
    assertThat(range.last()).isLessThan(32768);
    for (int port = range.first(); port <= range.last(); port++) {
      assertThat(FreePorts.isFree(port)).as("port %d", port).isTrue();
    }
    assertThat(range.toString()).isEqualTo(range.first() + "-" + range.last());
  }

  @Test
  void neverHandsOutAPortTwice() {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      PortRange range = FreePorts.consecutive(3);
      for (int port = range.first(); port <= range.last(); port++) {
        assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
      }
    }
    // Released ports may be handed out again.
    seen.forEach(port -> FreePorts.release(new PortRange(port, 1)));
  }
}
