package io.ramal.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RtpPortPoolTest {

    static RtpPorts allocated(RtpPortPool pool) {
        PortAllocation a = pool.allocate();
        assertThat(a).isInstanceOf(PortAllocation.Allocated.class);
        return ((PortAllocation.Allocated) a).ports();
    }

    @Test
    void handsOutDistinctEvenPairsInsideTheRange() {
        RtpPortPool pool = new RtpPortPool(20001, 20010);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < pool.capacity(); i++) {
            RtpPorts p = allocated(pool);
            assertThat(p.rtp() % 2).isZero();
            assertThat(p.rtp()).isBetween(20002, 20008);
            assertThat(p.rtcp()).isEqualTo(p.rtp() + 1).isLessThanOrEqualTo(20010);
            assertThat(seen.add(p.rtp())).isTrue();
        }
        assertThat(pool.capacity()).isEqualTo(4);
    }

    @Test
    void exhaustionIsAValueAndReleaseMakesRoom() {
        RtpPortPool pool = new RtpPortPool(20000, 20003);
        RtpPorts a = allocated(pool);
        RtpPorts b = allocated(pool);

        assertThat(pool.allocate()).isEqualTo(new PortAllocation.Exhausted(2));
        assertThat(pool.release(a)).isTrue();
        assertThat(allocated(pool)).isEqualTo(a);
        assertThat(pool.isInUse(b)).isTrue();
    }

    @Test
    void reusesAReleasedPairLast() {
        RtpPortPool pool = new RtpPortPool(20000, 20005);
        RtpPorts a = allocated(pool);
        pool.release(a);

        assertThat(allocated(pool)).isNotEqualTo(a);
        assertThat(allocated(pool)).isNotEqualTo(a);
        assertThat(allocated(pool)).isEqualTo(a);
    }

    @Test
    void ignoresReleasesOfPairsItDidNotHandOut() {
        RtpPortPool pool = new RtpPortPool(20000, 20009);
        RtpPorts a = allocated(pool);

        assertThat(pool.release(a)).isTrue();
        assertThat(pool.release(a)).as("second release").isFalse();
        assertThat(pool.release(new RtpPorts(30000))).isFalse();
        assertThat(pool.release(new RtpPorts(20002))).as("never allocated").isFalse();
        assertThat(pool.available()).isEqualTo(pool.capacity());
    }

    @Test
    void refusesRangesWithoutAPair() {
        assertThatThrownBy(() -> new RtpPortPool(20001, 20002)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpPortPool(20010, 20000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpPorts(20001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everythingIsBackAfterManyConcurrentCycles() throws Exception {
        RtpPortPool pool = new RtpPortPool(30000, 30063);
        Set<Integer> held = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger exhausted = new AtomicInteger();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                List<RtpPorts> mine = new ArrayList<>();
                for (int i = 0; i < 5_000; i++) {
                    if (mine.size() < 6 && pool.allocate() instanceof PortAllocation.Allocated a) {
                        if (!held.add(a.ports().rtp())) {
                            duplicates.incrementAndGet();
                        }
                        mine.add(a.ports());
                    } else if (!mine.isEmpty()) {
                        RtpPorts p = mine.remove(mine.size() - 1);
                        held.remove(p.rtp());
                        pool.release(p);
                    } else {
                        exhausted.incrementAndGet();
                    }
                }
                for (RtpPorts p : mine) {
                    held.remove(p.rtp());
                    pool.release(p);
                }
            }));
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }

        assertThat(duplicates).hasValue(0);
        assertThat(pool.available()).isEqualTo(pool.capacity()).isEqualTo(32);
        assertThat(held).isEmpty();
    }
}
