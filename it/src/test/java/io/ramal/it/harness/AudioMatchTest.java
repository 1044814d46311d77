package io.ramal.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AudioMatchTest {

  @Test
  void findsAPieceWhereverItWasPlayedAndAtAnyLevel() {
    Random random = new Random(7);
    short[] piece = new short[800];
    for (int i = 0; i < piece.length; i++) piece[i] = (short) (random.nextGaussian() * 3000);
    short[] heard = new short[8000];
    for (int i = 0; i < heard.length; i++) heard[i] = (short) (random.nextGaussian() * 300);
    for (int i = 0; i < piece.length; i++) heard[2400 + i] = (short) (piece[i] / 2);

    AudioMatch found = AudioMatch.best(heard, piece, Duration.ZERO, Duration.ofSeconds(1));
    AudioMatch elsewhere = AudioMatch.best(heard, piece, Duration.ZERO, Duration.ofMillis(250));

    assertThat(found.at()).isEqualTo(Duration.ofMillis(300));
    assertThat(found.score()).isGreaterThan(0.95);
    assertThat(elsewhere.score()).isLessThan(0.3);
    assertThat(AudioMatch.length(piece)).isEqualTo(Duration.ofMillis(100));
  }
}
