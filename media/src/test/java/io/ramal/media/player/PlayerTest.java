package io.ramal.media.player;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.media.Pcm;
import io.ramal.media.audio.Clip;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlayerTest {
    private final List<PlaybackEnd> ends = new ArrayList<>();

    @Test
    void playsOnceThenFinishesPaddingTheLastFrame() {
        Player player = Player.once(ramp(400), ends::add);

        short[] first = player.read();
        short[] second = player.read();
        short[] third = player.read();

        assertThat(first[0]).isEqualTo((short) 1);
        assertThat(second[0]).isEqualTo((short) 161);
        assertThat(third[79]).isEqualTo((short) 400);
        assertThat(third[80]).isZero();
        assertThat(ends).isEmpty();
        assertThat(player.read()).isNull();
        assertThat(player.read()).isNull();
        assertThat(ends).containsExactly(PlaybackEnd.FINISHED);
    }

    @Test
    void loopsSeamlesslyInsideAFrame() {
        Player player = Player.looping(ramp(200), ends::add);

        short[] first = player.read();
        short[] second = player.read();

        assertThat(first[159]).isEqualTo((short) 160);
        assertThat(second[39]).isEqualTo((short) 200);
        assertThat(second[40]).isEqualTo((short) 1);
        for (int i = 0; i < 1000; i++) {
            assertThat(player.read()).hasSize(Pcm.FRAME_SAMPLES);
        }
        assertThat(ends).isEmpty();
    }

    @Test
    void stopMakesTheNextReadNullAndReportsInterruptedOnce() {
        Player player = Player.looping(ramp(200), ends::add);
        player.read();

        player.stop();
        player.stop();

        assertThat(player.read()).isNull();
        assertThat(player.ended()).isTrue();
        assertThat(ends).containsExactly(PlaybackEnd.INTERRUPTED);
    }

    @Test
    void stopAfterFinishingChangesNothing() {
        Player player = Player.once(ramp(10), ends::add);
        player.read();
        player.read();

        player.stop();

        assertThat(ends).containsExactly(PlaybackEnd.FINISHED);
    }

    @Test
    void emptyClipFinishesAtOnce() {
        assertThat(Player.looping(Clip.of(new short[0]), ends::add).read()).isNull();
        assertThat(ends).containsExactly(PlaybackEnd.FINISHED);
    }

    private static Clip ramp(int length) {
        short[] s = new short[length];
        for (int i = 0; i < length; i++) {
            s[i] = (short) (i + 1);
        }
        return Clip.of(s);
    }
}
