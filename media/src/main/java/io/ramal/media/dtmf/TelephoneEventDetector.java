package io.ramal.media.dtmf;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns the telephone-event packets of one RTP stream into exactly one {@link DtmfDigit} per key
 * press. All packets of one press share an RTP timestamp (RFC 4733 §2.5.1), so the timestamp
 * identifies the press:
 * <ul>
 *   <li>the first end packet of a press reports it, with its final duration; the redundant end
 *       packets, retransmitted starts and late updates that follow carry the same (or an older)
 *       timestamp and are ignored;</li>
 *   <li>a press whose end packets were all lost is reported when the next press begins, or when
 *       audio resumes more than {@value #AUDIO_GRACE} timestamp units after its last known end,
 *       or on {@link #flush()};</li>
 *   <li>events other than the sixteen DTMF keys (e.g. flash) are ignored.</li>
 * </ul>
 * Not thread-safe: one receiving thread feeds it.
 */
public final class TelephoneEventDetector {
    static final int AUDIO_GRACE = 320;

    private final Consumer<DtmfDigit> digits;
    private final int samplesPerMilli;
    private boolean active;
    private long activeTimestamp;
    private int activeEvent;
    private int activeDuration;
    private boolean reportedAny;
    private long reportedTimestamp;

    /** A detector for a stream with the usual 8000 Hz telephone-event clock. */
    public TelephoneEventDetector(Consumer<DtmfDigit> digits) {
        this(digits, 8000);
    }

    public TelephoneEventDetector(Consumer<DtmfDigit> digits, int clockRate) {
        this.digits = Objects.requireNonNull(digits, "digits");
        if (clockRate < 1000 || clockRate % 1000 != 0) {
            throw new IllegalArgumentException("clock rate must be a multiple of 1000: " + clockRate);
        }
        this.samplesPerMilli = clockRate / 1000;
    }

    /** One telephone-event packet with its RTP timestamp. */
    public void onEvent(long timestamp, TelephoneEvent e) {
        if (!DtmfDigit.isDigitEvent(e.event())) {
            return;
        }
        if (reportedAny && !after(timestamp, reportedTimestamp)) {
            return;
        }
        if (active && timestamp != activeTimestamp) {
            if (!after(timestamp, activeTimestamp)) {
                return;
            }
            flush();
        }
        if (!active) {
            active = true;
            activeTimestamp = timestamp;
            activeEvent = e.event();
            activeDuration = 0;
        }
        activeDuration = Math.max(activeDuration, e.duration());
        if (e.end()) {
            flush();
        }
    }

    /** An audio packet of the same stream: ends a press whose end packets never came. */
    public void onAudio(long timestamp) {
        if (active && after(timestamp, (activeTimestamp + activeDuration + AUDIO_GRACE) & 0xFFFF_FFFFL)) {
            flush();
        }
    }

    /** Reports a press still in progress (stream ended or re-negotiated). */
    public void flush() {
        if (!active) {
            return;
        }
        active = false;
        reportedAny = true;
        reportedTimestamp = activeTimestamp;
        digits.accept(new DtmfDigit(DtmfDigit.digitOf(activeEvent), Duration.ofMillis(activeDuration / samplesPerMilli)));
    }

    /** Whether {@code a} comes after {@code b} in 32-bit RTP timestamp arithmetic. */
    static boolean after(long a, long b) {
        long d = (a - b) & 0xFFFF_FFFFL;
        return d != 0 && d < 0x8000_0000L;
    }
}
