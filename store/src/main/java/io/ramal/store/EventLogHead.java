package io.ramal.store;

/**
 * Where one tenant's {@link EventLog} stands. The log holds exactly the events
 * {@code prunedThrough + 1 .. lastSeq} (none when the two are equal).
 *
 * @param lastSeq       the last seq handed out; 0 before the first append
 * @param prunedThrough the highest seq that retention removed; 0 when nothing was removed
 */
public record EventLogHead(String tenantId, long lastSeq, long prunedThrough) {

    public EventLogHead {
        Text.requireNonBlank(tenantId, "tenantId");
        if (lastSeq < 0 || prunedThrough < 0 || prunedThrough > lastSeq) {
            throw new IllegalArgumentException("inconsistent head: last " + lastSeq + ", pruned " + prunedThrough);
        }
    }

    /** The first seq still held (equal to {@code lastSeq + 1} when the log holds none). */
    public long oldestRetained() {
        return prunedThrough + 1;
    }

    /**
     * Whether a reader that has seen everything up to {@code seq} can get all that followed from
     * the log: {@code seq} is neither older than retention nor newer than the head.
     */
    public boolean canResumeAfter(long seq) {
        return seq >= prunedThrough && seq <= lastSeq;
    }
}
