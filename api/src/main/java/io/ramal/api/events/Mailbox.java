package io.ramal.api.events;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded queue with many producers and one consumer thread, cheaper than a
 * {@link java.util.concurrent.LinkedBlockingQueue} for the fan-out's pattern (thousands of
 * mailboxes, each fed one item at a time): no lock, and a producer only wakes the consumer when
 * it is actually parked.
 */
final class Mailbox<T> {

    private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    private volatile Thread parked;

    Mailbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds the item unless {@code capacity} items wait already; never blocks. */
    boolean offer(T item) {
        Objects.requireNonNull(item, "item");
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        items.add(item);
        Thread consumer = parked;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
        return true;
    }

    /** Adds the item whatever the size (a control item that must get through). */
    void force(T item) {
        size.incrementAndGet();
        items.add(Objects.requireNonNull(item, "item"));
        Thread consumer = parked;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
    }

    /** The oldest item, waiting for one if need be. Only the consumer thread calls this. */
    T take() throws InterruptedException {
        while (true) {
            T item = poll();
            if (item != null) {
                return item;
            }
            parked = Thread.currentThread();
            item = poll(); // an offer between the first poll and the line above did not see us parked
            if (item != null) {
                parked = null;
                return item;
            }
            LockSupport.park(this);
            parked = null;
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Moves up to {@code max} waiting items to {@code target}; returns how many. */
    int drainTo(List<? super T> target, int max) {
        int moved = 0;
        while (moved < max) {
            T item = poll();
            if (item == null) {
                break;
            }
            target.add(item);
            moved++;
        }
        return moved;
    }

    /** Whether nothing waits (an item being added or taken right now may count as waiting). */
    boolean isEmpty() {
        return size.get() == 0;
    }

    void clear() {
        while (poll() != null) {
            // dropping
        }
    }

    private T poll() {
        T item = items.poll();
        if (item != null) {
            size.decrementAndGet();
        }
        return item;
    }
}
