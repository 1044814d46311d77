package io.ramal.pbx.media;

import io.ramal.media.audio.Tone;
import io.ramal.media.audio.ToneGenerator;
import io.ramal.media.mixer.ConferenceMixer;
import io.ramal.media.mixer.Participant;
import io.ramal.media.player.MediaClock;
import io.ramal.pbx.media.CallMedia.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A supervisor's place in a call's conference mixer: it hears both parties (the mixer gives every
 * participant everyone else), and who hears it follows the {@link SupervisionMode}. The two
 * parties stay ordinary participants, so they hear each other as before.
 */
final class SupervisionSeat {
  /** The notice to the agent that supervision began: 440 Hz at -20 dBFS. */
  static final Tone BEEP = Tone.ofDbfs(440, -20);
  /** How long the notice lasts, in 20 ms frames (400 ms). */
  static final int BEEP_FRAMES = 20;

  private final Participant supervisor;
  private SupervisionMode mode;
  private Optional<Side> agent;

  SupervisionSeat(Participant supervisor, SupervisionMode mode, Optional<Side> agent) {
    this.supervisor = supervisor;
    this.mode = mode;
    this.agent = agent;
  }

  SupervisionMode mode() {
    return mode;
  }

  Optional<Side> agent() {
    return agent;
  }

  /** Sets who hears the supervisor: the parties the mode lets hear it. */
  void apply(SupervisionMode next, Optional<Side> nextAgent, Participant caller, Participant callee) {
    this.mode = next;
    this.agent = nextAgent;
    if (next == SupervisionMode.BARGE) {
      supervisor.heardByAll();
      return;
    }
    List<Participant> audience = new ArrayList<>(1);
    if (next.heardBy(Side.CALLER, nextAgent)) audience.add(caller);
    if (next.heardBy(Side.CALLEE, nextAgent)) audience.add(callee);
    supervisor.heardOnlyBy(audience);
  }

  /**
   * A short beep that only {@code hearer} hears: a participant of its own in the mixer, fed a
   * tone for {@link #BEEP_FRAMES} ticks of the media clock, then gone.
   */
  static void beep(MediaClock clock, ConferenceMixer mixer, Participant hearer) {
    Participant tone = mixer.join("beep", frame -> {});
    tone.heardOnlyBy(List.of(hearer));
    ToneGenerator source = ToneGenerator.of(BEEP);
    int[] left = {BEEP_FRAMES};
    clock.register(() -> {
      if (left[0]-- > 0 && tone.present()) {
        tone.input().write(source.read());
        return true;
      }
      tone.leave();
      return false;
    });
  }
}
