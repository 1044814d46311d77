package io.ramal.media.dtmf;

import io.ramal.media.FrameSource;
import io.ramal.media.audio.ToneGenerator;

/**
 * The in-band form of a key (ITU-T Q.23): one low-group and one high-group sine, sent as audio to
 * a leg that did not negotiate RFC 4733 telephone-events. Keys are laid out as on a phone:
 * rows 697, 770, 852, 941 Hz; columns 1209, 1336, 1477, 1633 Hz.
 */
public final class DtmfTones {
    /** Peak amplitude of each of the two sines (about -12 dBFS each; the sum stays below -6 dBFS). */
    public static final double AMPLITUDE = 0.25;
    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLUMNS = {1209, 1336, 1477, 1633};
    private static final String[] KEYPAD = {"123A", "456B", "789C", "*0#D"};

    private DtmfTones() {}

    /** The low-group (row) frequency of {@code digit}. */
    public static double low(char digit) {
        return ROWS[row(digit)];
    }

    /** The high-group (column) frequency of {@code digit}. */
    public static double high(char digit) {
        return COLUMNS[KEYPAD[row(digit)].indexOf(digit)];
    }

    /** Endless 20 ms frames of the key's two tones. */
    public static FrameSource of(char digit) {
        return ToneGenerator.dual(low(digit), high(digit), AMPLITUDE);
    }

    private static int row(char digit) {
        for (int r = 0; r < KEYPAD.length; r++) {
            if (KEYPAD[r].indexOf(digit) >= 0) {
                return r;
            }
        }
        throw new IllegalArgumentException("not a DTMF digit: " + digit);
    }
}
