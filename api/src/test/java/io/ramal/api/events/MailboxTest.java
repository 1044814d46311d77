package io.ramal.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MailboxTest {

    @Test
    void refusesItemsBeyondItsCapacityUntilSomeAreTaken() throws Exception {
        Mailbox<String> mailbox = new Mailbox<>(2);

        assertThat(mailbox.offer("a")).isTrue();
        assertThat(mailbox.offer("b")).isTrue();
        assertThat(mailbox.offer("c")).isFalse();
        assertThat(mailbox.take()).isEqualTo("a");
        assertThat(mailbox.offer("d")).isTrue();
    }

    @Test
    void letsAForcedItemThroughWhenFull() throws Exception {
        Mailbox<String> mailbox = new Mailbox<>(1);
        mailbox.offer("a");

        mailbox.force("stop");

        assertThat(mailbox.take()).isEqualTo("a");
        assertThat(mailbox.take()).isEqualTo("stop");
    }

    @Test
    void wakesAWaitingConsumer() throws Exception {
        Mailbox<Integer> mailbox = new Mailbox<>(10);
        CompletableFuture<List<Integer>> consumer = CompletableFuture.supplyAsync(() -> {
            List<Integer> taken = new ArrayList<>();
            try {
                while (taken.size() < 1_000) {
                    taken.add(mailbox.take());
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return taken;
        });

        for (int i = 0; i < 1_000; i++) {
            while (!mailbox.offer(i)) {
                Thread.onSpinWait();
            }
        }

        List<Integer> taken = consumer.get(10, TimeUnit.SECONDS);
        assertThat(taken).hasSize(1_000).isSorted();
    }

    @Test
    void drainsInOrderAndClears() {
        Mailbox<String> mailbox = new Mailbox<>(5);
        mailbox.offer("a");
        mailbox.offer("b");
        mailbox.offer("c");
        List<String> drained = new ArrayList<>();

        assertThat(mailbox.drainTo(drained, 2)).isEqualTo(2);
        mailbox.clear();

        assertThat(drained).containsExactly("a", "b");
        assertThat(mailbox.drainTo(drained, 5)).isZero();
        assertThat(mailbox.offer("x")).isTrue();
    }
}
