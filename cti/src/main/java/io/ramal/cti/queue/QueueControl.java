package io.ramal.cti.queue;

/**
 * The port the PBX implements for the queues: ring agents for waiting callers, stop ringing them, send
 * callers on, tell them their place. Called on the tenant's CTI lane in the order the distributor
 * decided; an implementation must not block (hand the work to the call's own thread) and reports what
 * happened back as {@link QueueFact}s, never by calling into the distributor directly.
 */
public interface QueueControl {
    /** Does nothing (no PBX connected: callers never arrive). */
    QueueControl NONE = new QueueControl() {
        @Override
        public void offer(QueueEffect.Offer offer) {}

        @Override
        public void withdraw(QueueEffect.Withdraw withdraw) {}

        @Override
        public void overflow(QueueEffect.Overflow overflow) {}

        @Override
        public void release(QueueEffect.Release release) {}

        @Override
        public void announce(QueueEffect.Announce announce) {}
    };

    void offer(QueueEffect.Offer offer);

    void withdraw(QueueEffect.Withdraw withdraw);

    void overflow(QueueEffect.Overflow overflow);

    void release(QueueEffect.Release release);

    void announce(QueueEffect.Announce announce);

    /** Carries out one effect with the method for its kind. */
    default void perform(QueueEffect effect) {
        switch (effect) {
            case QueueEffect.Offer o -> offer(o);
            case QueueEffect.Withdraw w -> withdraw(w);
            case QueueEffect.Overflow o -> overflow(o);
            case QueueEffect.Release r -> release(r);
            case QueueEffect.Announce a -> announce(a);
        }
    }
}
