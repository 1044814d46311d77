package io.ramal.pbx.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.pbx.media.CallMedia.Side;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SupervisionModeTest {
  private static final Optional<Side> AGENT_IS_CALLEE = Optional.of(Side.CALLEE);
  private static final Optional<Side> AGENT_IS_CALLER = Optional.of(Side.CALLER);

  @Test
  void nobodyHearsAListeningSupervisor() {
    for (Side party : Side.values()) {
      assertThat(SupervisionMode.LISTEN.heardBy(party, AGENT_IS_CALLEE)).isFalse();
      assertThat(SupervisionMode.LISTEN.heardBy(party, Optional.empty())).isFalse();
    }
  }

  @Test
  void onlyTheAgentHearsAWhisperWhicheverSideItIsOn() {
    assertThat(SupervisionMode.WHISPER.heardBy(Side.CALLEE, AGENT_IS_CALLEE)).isTrue();
    assertThat(SupervisionMode.WHISPER.heardBy(Side.CALLER, AGENT_IS_CALLEE)).isFalse();
    assertThat(SupervisionMode.WHISPER.heardBy(Side.CALLER, AGENT_IS_CALLER)).isTrue();
    assertThat(SupervisionMode.WHISPER.heardBy(Side.CALLEE, AGENT_IS_CALLER)).isFalse();
  }

  @Test
  void aWhisperWithoutAnAgentReachesNobodyAndSoNeedsOne() {
    assertThat(SupervisionMode.WHISPER.needsAgent()).isTrue();
    assertThat(SupervisionMode.WHISPER.heardBy(Side.CALLER, Optional.empty())).isFalse();
    assertThat(SupervisionMode.WHISPER.heardBy(Side.CALLEE, Optional.empty())).isFalse();
    assertThat(SupervisionMode.LISTEN.needsAgent()).isFalse();
    assertThat(SupervisionMode.BARGE.needsAgent()).isFalse();
  }

  @Test
  void bothPartiesHearABargingSupervisor() {
    for (Side party : Side.values()) {
      assertThat(SupervisionMode.BARGE.heardBy(party, AGENT_IS_CALLEE)).isTrue();
      assertThat(SupervisionMode.BARGE.heardBy(party, Optional.empty())).isTrue();
    }
  }

  @Test
  void wireNamesRoundTrip() {
    for (SupervisionMode mode : SupervisionMode.values()) {
      assertThat(SupervisionMode.fromWireName(mode.wireName())).contains(mode);
    }
    assertThat(SupervisionMode.fromWireName("LISTEN")).isEmpty();
    assertThat(SupervisionMode.fromWireName("spy")).isEmpty();
  }
}
