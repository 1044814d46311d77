package io.ramal.media.player;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.media.Pcm;
import io.ramal.media.audio.Clip;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each read is one tick of the media clock: 20 ms of test time. */
class PromptTest {
    private final List<PlaybackEnd> ends = new ArrayList<>();

    @Test
    void aPromptPlayedOnceIsFollowedBySilenceAndReportsFinishedOnce() {
        Prompt prompt = Prompt.of(loud(3 * Pcm.FRAME_SAMPLES), Prompt.Repeat.ONCE, true, ends::add);

        for (int tick = 0; tick < 3; tick++) {
            assertThat(prompt.read()).as("tick %d", tick).contains((short) 1000);
        }
        for (int tick = 3; tick < 50; tick++) {
            assertThat(prompt.read()).as("tick %d", tick).hasSize(Pcm.FRAME_SAMPLES).containsOnly((short) 0);
        }

        assertThat(ends).containsExactly(PlaybackEnd.FINISHED);
        assertThat(prompt.playing()).isFalse();
    }

    @Test
    void theFirstKeyCutsABargeInPromptShortAndLaterKeysChangeNothing() {
        Prompt prompt = Prompt.of(loud(100 * Pcm.FRAME_SAMPLES), Prompt.Repeat.ONCE, true, ends::add);
        prompt.read();

        boolean first = prompt.keyPressed();
        boolean second = prompt.keyPressed();

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(prompt.read()).containsOnly((short) 0);
        assertThat(ends).containsExactly(PlaybackEnd.INTERRUPTED);
    }

    @Test
    void keysDoNotStopAPromptWithoutBargeIn() {
        Prompt prompt = Prompt.of(loud(10 * Pcm.FRAME_SAMPLES), Prompt.Repeat.ONCE, false, ends::add);

        assertThat(prompt.keyPressed()).isFalse();

        assertThat(prompt.read()).contains((short) 1000);
        assertThat(prompt.playing()).isTrue();
        assertThat(ends).isEmpty();
    }

    @Test
    void aLoopingPromptPlaysUntilStopped() {
        Prompt prompt = Prompt.of(loud(Pcm.FRAME_SAMPLES / 2), Prompt.Repeat.LOOP, true, ends::add);

        for (int tick = 0; tick < 500; tick++) {
            assertThat(prompt.read()).containsOnly((short) 1000);
        }
        prompt.stop();
        prompt.stop();

        assertThat(prompt.read()).containsOnly((short) 0);
        assertThat(ends).containsExactly(PlaybackEnd.INTERRUPTED);
    }

    private static Clip loud(int samples) {
        short[] s = new short[samples];
        Arrays.fill(s, (short) 1000);
        return Clip.of(s);
    }
}
