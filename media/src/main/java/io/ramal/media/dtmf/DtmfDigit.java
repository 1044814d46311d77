package io.ramal.media.dtmf;

import java.time.Duration;
import java.util.Objects;

/**
 * One key press: the digit ({@code 0-9 * # A-D}) and how long it was held. RFC 4733 §3.2 numbers
 * the same sixteen keys as events 0-15.
 */
public record DtmfDigit(char digit, Duration duration) {
    private static final String DIGITS = "0123456789*#ABCD";

    public DtmfDigit {
        if (DIGITS.indexOf(digit) < 0) {
            throw new IllegalArgumentException("not a DTMF digit: " + digit);
        }
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration");
        }
    }

    /** Whether {@code c} is a DTMF digit (letters upper case only). */
    public static boolean isDigit(char c) {
        return DIGITS.indexOf(c) >= 0;
    }

    /** Whether an RFC 4733 event code is one of the sixteen DTMF keys. */
    public static boolean isDigitEvent(int event) {
        return event >= 0 && event < DIGITS.length();
    }

    /** The key of an event code 0-15. */
    public static char digitOf(int event) {
        if (!isDigitEvent(event)) {
            throw new IllegalArgumentException("not a DTMF event: " + event);
        }
        return DIGITS.charAt(event);
    }

    /** The event code of a digit. */
    public static int eventOf(char digit) {
        int e = DIGITS.indexOf(digit);
        if (e < 0) {
            throw new IllegalArgumentException("not a DTMF digit: " + digit);
        }
        return e;
    }

    public int event() {
        return eventOf(digit);
    }
}
