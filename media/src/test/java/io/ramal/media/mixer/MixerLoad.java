package io.ramal.media.mixer;

import io.ramal.media.audio.ToneGenerator;
import java.util.Locale;

/**
 * Mixer CPU cost, for BENCHMARKS.md (not a test): for several conference sizes, every participant
 * writes a frame and the mixer ticks, on one thread; prints nanoseconds per participant-tick
 * (input write + mix + output), the median of five runs, and what share of one core a participant
 * costs in real time (one tick per 20 ms).
 * Run: {@code java -cp media/target/classes:media/target/test-classes io.ramal.media.mixer.MixerLoad}.
 */
public final class MixerLoad {
    private static long sink;

    private MixerLoad() {}

    public static void main(String[] args) {
        int[] sizes = {3, 10, 50, 100, 300};
        for (int n : sizes) {
            measure(n, 3000); // warm-up
        }
        System.out.println("participants  ns/participant-tick (median of 5)  ns/tick  core share per participant");
        for (int n : sizes) {
            double[] runs = new double[5];
            for (int r = 0; r < runs.length; r++) {
                runs[r] = measure(n, Math.max(200, 60_000 / n));
            }
            java.util.Arrays.sort(runs);
            double ns = runs[runs.length / 2];
            System.out.printf(Locale.ROOT, "%12d  %32.0f  %7.0f  %.4f%%%n", n, ns / n, ns, 100 * (ns / n) / 20_000_000.0);
        }
        System.out.println("(checksum " + sink + ")");
    }

    private static double measure(int participants, int ticks) {
        ConferenceMixer mixer = new ConferenceMixer();
        Participant[] ps = new Participant[participants];
        short[][] voices = new short[participants][];
        for (int i = 0; i < participants; i++) {
            ps[i] = mixer.join("p" + i, frame -> sink += frame[17]);
            voices[i] = ToneGenerator.sine(200 + 10 * i, 0.05).read();
        }
        for (int t = 0; t < 50; t++) {
            tick(mixer, ps, voices);
        }
        long start = System.nanoTime();
        for (int t = 0; t < ticks; t++) {
            tick(mixer, ps, voices);
        }
        return (System.nanoTime() - start) / (double) ticks;
    }

    private static void tick(ConferenceMixer mixer, Participant[] ps, short[][] voices) {
        for (int i = 0; i < ps.length; i++) {
            ps[i].input().write(voices[i]);
        }
        mixer.tick();
    }
}
