package io.ramal.media.rtcp;

import java.util.Optional;

/**
 * What one participant measures of the RTP stream it receives, as RFC 3550 Appendix A computes
 * it: sequence numbers validated and extended (A.1: a new source is on probation for two packets,
 * a jump beyond 3000 is believed only when the next packet follows it), packets expected and lost
 * (A.3, overall and since the previous report), interarrival jitter in timestamp units (A.8), and
 * the last sender report of the source for LSR/DLSR, and how many packets arrived late: more than
 * {@link #LATE_AFTER_MICROS} later than the source's quickest transit so far (transit is arrival
 * time minus RTP timestamp, as for jitter, so a packet is late when it waited, on the way or
 * before our receiving thread read it, longer than the quickest packet of its stream). When the source's SSRC changes, counting
 * starts over for the new one, and what the old one lost stays in the totals. Not thread-safe;
 * nothing here reads a clock: arrival times are given in microseconds of any steady time base.
 */
public final class ReceptionStatistics {
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    private static final int MIN_SEQUENTIAL = 2;
    private static final int SEQ_MOD = 1 << 16;
    /** How much later than the stream's quickest transit a packet may arrive without counting as late. */
    public static final long LATE_AFTER_MICROS = 20_000;

    private final int clockRate;
    private final int lateAfter;

    private boolean hasSource;
    private long ssrc;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq;
    private int probation;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private boolean receivedSinceReport;

    private boolean hasTransit;
    private int lastTransit;
    private long jitterQ4;
    private boolean hasQuickest;
    private int quickestTransit;
    private long late;
    private long closedLate;

    private long lastSenderReport;
    private NtpTimestamp senderReportArrival;

    private long closedExpected;
    private long closedReceived;

    /** @param clockRate the stream's RTP clock in Hz (8000 for G.711) */
    public ReceptionStatistics(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive");
        }
        this.clockRate = clockRate;
        this.lateAfter = (int) (LATE_AFTER_MICROS * clockRate / 1_000_000L);
    }

    /**
     * One received RTP packet. {@code timed} says whether it takes part in jitter (audio yes;
     * telephone-events, whose packets repeat a timestamp, no). Returns whether the packet counted
     * as received (false while a new source is on probation, or for a jump not yet believed).
     */
    public boolean received(long packetSsrc, int sequence, long rtpTimestamp, long arrivalMicros, boolean timed) {
        int seq = sequence & 0xFFFF;
        if (!hasSource || packetSsrc != ssrc) {
            startSource(packetSsrc, seq);
        }
        if (!updateSequence(seq)) {
            return false;
        }
        receivedSinceReport = true;
        if (timed) {
            long arrival = Math.floorDiv(arrivalMicros * clockRate, 1_000_000L);
            int transit = (int) (arrival - rtpTimestamp);
            if (hasTransit) {
                long d = Math.abs((long) transit - lastTransit);
                jitterQ4 += Math.min(d, 1L << 24) - ((jitterQ4 + 8) >> 4);
            }
            lastTransit = transit;
            hasTransit = true;
            lateness(transit);
        }
        return true;
    }

    /** The source sent a sender report, which arrived at {@code arrival}. */
    public void senderReport(long fromSsrc, NtpTimestamp sent, NtpTimestamp arrival) {
        if (hasSource && fromSsrc == ssrc) {
            lastSenderReport = sent.middle();
            senderReportArrival = arrival;
        }
    }

    /** The SSRC of the source being received, if any. */
    public Optional<Long> source() {
        return hasSource ? Optional.of(ssrc) : Optional.empty();
    }

    /**
     * The report block for the current source at {@code now}, and the start of a new reporting
     * interval; empty when nothing was received since the previous report (RFC 3550 §6.4: blocks
     * only for sources heard since).
     */
    public Optional<ReportBlock> report(NtpTimestamp now) {
        if (!hasSource || !receivedSinceReport) {
            return Optional.empty();
        }
        receivedSinceReport = false;
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long lost = Math.clamp(expected - received, ReportBlock.MIN_LOST, ReportBlock.MAX_LOST);
        long dlsr = senderReportArrival == null ? 0 : (now.middle() - senderReportArrival.middle()) & 0xFFFF_FFFFL;
        return Optional.of(new ReportBlock(ssrc, Math.min(fraction, 255), (int) lost, (cycles + maxSeq) & 0xFFFF_FFFFL,
                jitterQ4 >> 4, lastSenderReport, dlsr));
    }

    /** Packets counted as received, from every source so far. */
    public long packetsReceived() {
        return closedReceived + received;
    }

    /** Packets the sequence numbers say were sent, from every source so far. */
    public long packetsExpected() {
        return closedExpected + (hasSource && probation == 0 ? expected() : 0);
    }

    /** Packets that arrived late (see the class comment), from every source so far. */
    public long packetsLate() {
        return closedLate + late;
    }

    /** Packets lost (never below 0: duplicates do not make up for losses of other sources). */
    public long packetsLost() {
        return Math.max(0, packetsExpected() - packetsReceived());
    }

    /** Interarrival jitter of the current source in timestamp units. */
    public long jitter() {
        return jitterQ4 >> 4;
    }

    /** Transits compare as differences, so that RTP timestamps may wrap. */
    private void lateness(int transit) {
        if (!hasQuickest || transit - quickestTransit < 0) {
            quickestTransit = transit;
            hasQuickest = true;
        } else if (transit - quickestTransit > lateAfter) {
            late++;
        }
    }

    private long expected() {
        return cycles + maxSeq - baseSeq + 1;
    }

    private void startSource(long newSsrc, int seq) {
        if (hasSource && probation == 0) {
            closedExpected += expected();
            closedReceived += received;
        }
        hasSource = true;
        ssrc = newSsrc;
        initSequence(seq);
        maxSeq = (seq - 1) & 0xFFFF;
        probation = MIN_SEQUENTIAL;
        hasTransit = false;
        jitterQ4 = 0;
        closedLate += late;
        late = 0;
        hasQuickest = false;
        lastSenderReport = 0;
        senderReportArrival = null;
        receivedSinceReport = false;
    }

    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    /** RFC 3550 A.1 {@code update_seq}. */
    private boolean updateSequence(int seq) {
        int delta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSequence(seq);
                    received++;
                    return true;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return false;
        }
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                initSequence(seq); // the source restarted: believe the jump
            } else {
                badSeq = (seq + 1) & (SEQ_MOD - 1);
                return false;
            }
        }
        // else a duplicate or a packet out of order: counted, max unchanged
        received++;
        return true;
    }
}
