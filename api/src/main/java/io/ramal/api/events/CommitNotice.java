package io.ramal.api.events;

/**
 * "This append wrote something a worker waits for": marked inside an append's transaction (an
 * {@link io.ramal.store.EventLog.Enlistment}) and taken by the journal's commit hook, which then wakes
 * the worker. Per appending thread, because the journal enlists and runs its hook on the thread that
 * appends: another tenant's append, still inside its transaction, cannot take the mark and wake the
 * worker before its rows are committed.
 */
public final class CommitNotice {
    private final ThreadLocal<Boolean> marked = ThreadLocal.withInitial(() -> false);

    /** Inside the transaction: something was written. */
    public void mark() {
        marked.set(true);
    }

    /** After the commit: true (once) if this thread's append marked. */
    public boolean take() {
        if (!marked.get()) {
            return false;
        }
        marked.set(false);
        return true;
    }
}
