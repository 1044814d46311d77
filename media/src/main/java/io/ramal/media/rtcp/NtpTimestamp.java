package io.ramal.media.rtcp;

import java.time.Instant;

/**
 * A 64-bit NTP timestamp (RFC 3550 §4): seconds since 1 January 1900 in the high 32 bits, the
 * fraction of a second in the low 32. Reports carry it whole (sender reports) or its middle 32
 * bits (LSR, in units of 1/65536 s).
 *
 * @param value the 64 bits, as an unsigned number in a {@code long}
 */
public record NtpTimestamp(long value) {
    /** Seconds from 1900-01-01 to 1970-01-01. */
    static final long EPOCH_OFFSET = 2_208_988_800L;

    public static NtpTimestamp of(Instant instant) {
        long seconds = instant.getEpochSecond() + EPOCH_OFFSET;
        long fraction = ((long) instant.getNano() << 32) / 1_000_000_000L;
        return new NtpTimestamp(seconds << 32 | fraction);
    }

    public long seconds() {
        return value >>> 32;
    }

    public long fraction() {
        return value & 0xFFFF_FFFFL;
    }

    /** The middle 32 bits (16.16 fixed point), as LSR and round-trip arithmetic use them. */
    public long middle() {
        return (value >>> 16) & 0xFFFF_FFFFL;
    }

    public Instant toInstant() {
        long nanos = (fraction() * 1_000_000_000L) >>> 32;
        return Instant.ofEpochSecond(seconds() - EPOCH_OFFSET, nanos);
    }
}
