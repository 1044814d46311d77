package io.ramal.media.dtmf;

import java.util.Optional;

/**
 * The RFC 4733 §2.3 telephone-event payload: event code, end bit, volume (0 to -63 dBm0, as a
 * positive number) and duration in timestamp units since the event began.
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {
    public static final int LENGTH = 4;

    public TelephoneEvent {
        if (event < 0 || event > 255) {
            throw new IllegalArgumentException("event out of range: " + event);
        }
        if (volume < 0 || volume > 63) {
            throw new IllegalArgumentException("volume out of range: " + volume);
        }
        if (duration < 0 || duration > 0xFFFF) {
            throw new IllegalArgumentException("duration out of range: " + duration);
        }
    }

    /** Reads the first event of a payload; empty when it is shorter than 4 bytes. */
    public static Optional<TelephoneEvent> parse(byte[] buf, int offset, int length) {
        if (length < LENGTH) {
            return Optional.empty();
        }
        int flags = buf[offset + 1] & 0xFF;
        return Optional.of(new TelephoneEvent(
                buf[offset] & 0xFF,
                (flags & 0x80) != 0,
                flags & 0x3F,
                ((buf[offset + 2] & 0xFF) << 8) | (buf[offset + 3] & 0xFF)));
    }

    /** Writes the 4-byte payload at {@code offset} (the reserved bit is zero). */
    public int writeTo(byte[] out, int offset) {
        out[offset] = (byte) event;
        out[offset + 1] = (byte) ((end ? 0x80 : 0) | volume);
        out[offset + 2] = (byte) (duration >> 8);
        out[offset + 3] = (byte) duration;
        return LENGTH;
    }

    public byte[] toBytes() {
        byte[] b = new byte[LENGTH];
        writeTo(b, 0);
        return b;
    }
}
