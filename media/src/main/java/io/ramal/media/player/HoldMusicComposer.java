package io.ramal.media.player;

import io.ramal.media.Pcm;
import io.ramal.media.audio.Clip;
import io.ramal.media.audio.WavWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Composes Ramal's own royalty-free music on hold, deterministically: a 16-bar loop in F major
 * (about 45 s at 8 kHz mono) of arpeggiated seventh chords with soft electric-piano envelopes, a
 * plucked bass and, from bar 5, a gentle melody drawn from a fixed-seed random walk over the
 * scale. Notes are rendered into a circular buffer, so tails of the last bar ring into the first
 * and the loop has no seam; a light echo adds space. Only {@link StrictMath} and plain arithmetic
 * are used (strict IEEE since Java 17), so every JVM makes the same bytes. Run {@link #main} to
 * re-make the shipped resource (see the README beside it).
 */
public final class HoldMusicComposer {
    private static final int RATE = Pcm.SAMPLE_RATE;
    private static final int STEP = 2800;                // one eighth note: 0.35 s
    private static final int STEPS_PER_BAR = 8;
    private static final int BAR = STEP * STEPS_PER_BAR;
    private static final long SEED = 0x52414D414CL;      // "RAMAL"
    private static final double PEAK = 0.6;

    /** Bass root (MIDI) and four chord tones per bar. */
    private static final int[][] BARS = {
            {53, 65, 69, 72, 76}, // Fmaj7
            {50, 62, 65, 69, 72}, // Dm7
            {46, 58, 62, 65, 69}, // Bbmaj7
            {48, 60, 64, 67, 70}, // C7
            {53, 65, 69, 72, 76}, // Fmaj7
            {45, 57, 60, 64, 67}, // Am7
            {46, 58, 62, 65, 69}, // Bbmaj7
            {48, 60, 65, 67, 70}, // C7sus4
            {55, 55, 58, 62, 65}, // Gm7
            {48, 60, 64, 67, 70}, // C7
            {45, 57, 60, 64, 67}, // Am7
            {50, 62, 65, 69, 72}, // Dm7
            {46, 58, 62, 65, 69}, // Bbmaj7
            {48, 60, 64, 67, 70}, // C7
            {53, 65, 69, 72, 76}, // Fmaj7
            {48, 60, 65, 67, 70}, // C7sus4, back to the top
    };

    /** Arpeggio orders over the chord's tones 0..3 and 4 (= tone 0 an octave up), one per phrase. */
    private static final int[][] PATTERNS = {
            {0, 1, 2, 3, 4, 3, 2, 1},
            {0, 2, 1, 3, 2, 4, 3, 1},
            {4, 3, 2, 1, 0, 1, 2, 3},
            {0, 1, 2, 4, 3, 2, 1, 2},
    };

    /** Melody rhythms in eighths, each filling a bar. */
    private static final int[][] RHYTHMS = {{2, 2, 4}, {4, 2, 2}, {3, 1, 4}, {8}, {2, 2, 2, 2}, {6, 2}};

    /** F major scale degrees (pitch classes) for the melody. */
    private static final int[] SCALE = {5, 7, 9, 10, 0, 2, 4};

    private HoldMusicComposer() {}

    /** The music as a clip. */
    public static Clip compose() {
        int length = BARS.length * BAR;
        double[] mix = new double[length];
        for (int bar = 0; bar < BARS.length; bar++) {
            int[] chord = BARS[bar];
            int[] pattern = PATTERNS[bar / 4];
            int barStart = bar * BAR;
            for (int step = 0; step < STEPS_PER_BAR; step++) {
                int index = pattern[step];
                int note = index == 4 ? chord[1] + 12 : chord[1 + index];
                double accent = step % 2 == 0 ? 0.22 : 0.17;
                electricPiano(mix, barStart + step * STEP, midi(note), accent);
            }
            bass(mix, barStart, midi(chord[0]), 0.30);
            int second = bar >= 8 ? chord[0] + 7 : chord[0];
            bass(mix, barStart + 4 * STEP, midi(second), 0.24);
        }
        melody(mix);
        double[] wet = echo(mix);
        return Clip.of(normalize(wet));
    }

    /** The music as WAV bytes. */
    public static byte[] composeWav() {
        return WavWriter.encode(compose());
    }

    /** Writes the WAV to {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: HoldMusicComposer <output.wav>");
            System.exit(2);
        }
        java.nio.file.Files.write(Path.of(args[0]), composeWav());
    }

    private static void melody(double[] mix) {
        SplittableRandom random = new SplittableRandom(SEED);
        int degree = 4; // C
        int octave = 6;
        for (int bar = 4; bar < BARS.length; bar++) {
            int[] rhythm = RHYTHMS[random.nextInt(RHYTHMS.length)];
            int at = bar * BAR;
            for (int i = 0; i < rhythm.length; i++) {
                int note;
                if (i == 0) {
                    note = nearestChordTone(BARS[bar], 12 * octave + SCALE[degree]);
                } else {
                    int move = random.nextInt(5) - 2; // -2..+2 scale steps
                    int d = degree + move;
                    octave += Math.floorDiv(d, SCALE.length);
                    degree = Math.floorMod(d, SCALE.length);
                    note = 12 * octave + SCALE[degree];
                }
                while (note > 84) {
                    note -= 12;
                }
                while (note < 70) {
                    note += 12;
                }
                octave = note / 12;
                degree = degreeOf(note);
                int length = rhythm[i] * STEP;
                flute(mix, at, length, midi(note), 0.26);
                at += length;
            }
        }
    }

    private static int nearestChordTone(int[] chord, int near) {
        int best = near;
        int bestDistance = Integer.MAX_VALUE;
        for (int i = 1; i < chord.length; i++) {
            for (int octaveShift = -24; octaveShift <= 24; octaveShift += 12) {
                int candidate = chord[i] + octaveShift;
                int distance = Math.abs(candidate - near);
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = candidate;
                }
            }
        }
        return best;
    }

    private static int degreeOf(int note) {
        int pc = Math.floorMod(note, 12);
        for (int i = 0; i < SCALE.length; i++) {
            if (SCALE[i] == pc) {
                return i;
            }
        }
        return 0;
    }

    /** Sine plus a quickly fading second and third harmonic; 6 ms attack, exponential decay. */
    private static void electricPiano(double[] mix, int start, double frequency, double amplitude) {
        int length = (int) (1.3 * RATE);
        double body = 1;
        double second = 0.25;
        double third = 0.08;
        double bodyDecay = decayPerSample(0.45);
        double secondDecay = decayPerSample(0.12);
        double thirdDecay = decayPerSample(0.08);
        Oscillator osc = new Oscillator(frequency);
        for (int i = 0; i < length; i++) {
            double sin = osc.sin;
            double cos = osc.cos;
            osc.step();
            double v = sin + second * sin2(sin, cos) + third * sin3(sin);
            mix[(start + i) % mix.length] += amplitude * attack(i, 48) * body * release(i, length, 400) * v;
            body *= bodyDecay;
            second *= secondDecay;
            third *= thirdDecay;
        }
    }

    /** Plucked bass with harmonics so it survives a telephone's missing low end. */
    private static void bass(double[] mix, int start, double frequency, double amplitude) {
        int length = 4 * STEP;
        double envelope = 1;
        double decay = decayPerSample(0.7);
        Oscillator osc = new Oscillator(frequency);
        for (int i = 0; i < length; i++) {
            double sin = osc.sin;
            double cos = osc.cos;
            osc.step();
            double v = sin + 0.55 * sin2(sin, cos) + 0.25 * sin3(sin);
            mix[(start + i) % mix.length] += amplitude * attack(i, 80) * envelope * release(i, length, 480) * v;
            envelope *= decay;
        }
    }

    /** A soft sustained voice with a slow 5 Hz vibrato. */
    private static void flute(double[] mix, int start, int length, double frequency, double amplitude) {
        double phase = 0;
        double fading = 0.25;
        double decay = decayPerSample(0.4);
        for (int i = 0; i < length; i++) {
            double t = (double) i / RATE;
            double vibrato = 1 + 0.004 * StrictMath.sin(2 * StrictMath.PI * 5 * t) * StrictMath.min(1, t / 0.3);
            phase += 2 * StrictMath.PI * frequency * vibrato / RATE;
            double sin = StrictMath.sin(phase);
            double cos = StrictMath.cos(phase);
            double envelope = attack(i, 320) * (0.75 + fading) * release(i, length, 640);
            mix[(start + i) % mix.length] += amplitude * envelope * (sin + 0.12 * sin2(sin, cos));
            fading *= decay;
        }
    }

    /** A sine and cosine advanced by a fixed rotation each sample: no library call per sample. */
    private static final class Oscillator {
        private final double stepSin;
        private final double stepCos;
        double sin;
        double cos = 1;

        Oscillator(double frequency) {
            double step = 2 * StrictMath.PI * frequency / RATE;
            stepSin = StrictMath.sin(step);
            stepCos = StrictMath.cos(step);
        }

        void step() {
            double nextSin = sin * stepCos + cos * stepSin;
            cos = cos * stepCos - sin * stepSin;
            sin = nextSin;
        }
    }

    /** sin 2x from sin x and cos x. */
    private static double sin2(double sin, double cos) {
        return 2 * sin * cos;
    }

    /** sin 3x from sin x. */
    private static double sin3(double sin) {
        return 3 * sin - 4 * sin * sin * sin;
    }

    /** The per-sample factor of an exponential decay with time constant {@code seconds}. */
    private static double decayPerSample(double seconds) {
        return StrictMath.exp(-1.0 / (seconds * RATE));
    }

    private static double attack(int i, int samples) {
        return i >= samples ? 1 : (double) i / samples;
    }

    private static double release(int i, int length, int samples) {
        int left = length - i;
        return left >= samples ? 1 : (double) left / samples;
    }

    /** Two soft repeats (0.26 s and 0.525 s later), wrapping round the loop. */
    private static double[] echo(double[] dry) {
        int n = dry.length;
        double[] wet = new double[n];
        for (int i = 0; i < n; i++) {
            wet[i] = dry[i] + 0.22 * dry[Math.floorMod(i - 2100, n)] + 0.09 * dry[Math.floorMod(i - 4200, n)];
        }
        return wet;
    }

    private static short[] normalize(double[] signal) {
        double peak = 0;
        for (double v : signal) {
            peak = StrictMath.max(peak, StrictMath.abs(v));
        }
        double gain = PEAK * Short.MAX_VALUE / peak;
        short[] out = new short[signal.length];
        for (int i = 0; i < signal.length; i++) {
            out[i] = (short) StrictMath.round(signal[i] * gain);
        }
        return out;
    }

    private static double midi(int note) {
        return 440 * StrictMath.pow(2, (note - 69) / 12.0);
    }
}
