package io.ramal.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One loop reading raw loopback channels: fairness, failures, closing from the loop itself. */
class DatagramLoopTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final LongAdder failures = new LongAdder();
    final DatagramLoop loop = DatagramLoop.start("media-io-test", failures);
    final DatagramSocket sender = socket();
    final List<DatagramChannel> channels = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        loop.close();
        sender.close();
        for (DatagramChannel c : channels) {
            c.close();
        }
    }

    @Test
    void aReceiverThatThrowsCostsOnlyThatDatagram() throws Exception {
        DatagramChannel c = channel();
        List<String> handled = new CopyOnWriteArrayList<>();
        loop.attach(List.of(c), List.of((buf, length, from) -> {
            String text = new String(buf, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
            if (text.equals("bad")) {
                throw new IllegalStateException("a defect in handling one packet");
            }
            handled.add(text);
        }));

        send("one", c);
        send("bad", c);
        send("two", c);

        Await.until("the datagram after the failure handled", () -> handled.size() == 2);
        assertThat(handled).containsExactly("one", "two");
        assertThat(failures.sum()).isEqualTo(1);
        assertThat(loop.thread().isAlive()).isTrue();
    }

    @Test
    void oneFloodedChannelDoesNotHoldBackTheOthers() throws Exception {
        DatagramChannel flooded = channel();
        DatagramChannel quiet = channel();
        for (int i = 0; i < 200; i++) {
            send("flood", flooded);
        }
        send("hello", quiet);
        AtomicInteger floodRead = new AtomicInteger();
        AtomicInteger floodReadBeforeQuiet = new AtomicInteger(-1);
        // Attached once both are full: the first round finds both readable.
        loop.attach(List.of(flooded, quiet), List.of(
                (buf, length, from) -> floodRead.incrementAndGet(),
                (buf, length, from) -> floodReadBeforeQuiet.set(floodRead.get())));

        Await.until("the quiet channel read", () -> floodReadBeforeQuiet.get() >= 0);
        Await.until("the flood read", () -> floodRead.get() == 200);
        assertThat(floodReadBeforeQuiet.get()).isLessThanOrEqualTo(DatagramLoop.READS_PER_WAKEUP);
    }

    @Test
    void aReceiverMayCloseItsOwnChannelsAndTheirPortIsFreedAfterwards() throws Exception {
        DatagramChannel c = channel();
        int port = ((InetSocketAddress) c.getLocalAddress()).getPort();
        AtomicReference<DatagramLoop.Attachment> self = new AtomicReference<>();
        AtomicReference<Thread> releasedOn = new AtomicReference<>();
        AtomicInteger after = new AtomicInteger();
        self.set(loop.attach(List.of(c), List.of((buf, length, from) -> {
            self.get().close(() -> releasedOn.set(Thread.currentThread()));
            after.incrementAndGet();
        })));

        send("bye", c);

        Await.until("released", () -> releasedOn.get() != null);
        assertThat(releasedOn.get()).isSameAs(loop.thread());
        assertThat(after.get()).isEqualTo(1);
        assertThat(loop.attached()).isZero();
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void closingFromAnotherThreadReturnsWhileTheLoopIsBusyAndReleasesAfterwards() throws Exception {
        DatagramChannel busy = channel();
        DatagramChannel other = channel();
        int port = ((InetSocketAddress) other.getLocalAddress()).getPort();
        java.util.concurrent.CountDownLatch inReceiver = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch letGo = new java.util.concurrent.CountDownLatch(1);
        loop.attach(List.of(busy), List.of((buf, length, from) -> {
            inReceiver.countDown();
            try {
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        DatagramLoop.Attachment a = loop.attach(List.of(other), List.of((buf, length, from) -> { }));
        send("hold the loop", busy);
        inReceiver.await();
        AtomicReference<Thread> releasedOn = new AtomicReference<>();

        a.close(() -> releasedOn.set(Thread.currentThread()));

        assertThat(releasedOn.get()).as("the caller did not wait for the busy loop").isNull();
        letGo.countDown();
        Await.until("released", () -> releasedOn.get() != null);
        assertThat(releasedOn.get()).isSameAs(loop.thread());
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void closingAfterTheLoopStoppedStillFreesThePort() throws Exception {
        DatagramChannel c = channel();
        int port = ((InetSocketAddress) c.getLocalAddress()).getPort();
        DatagramLoop.Attachment a = loop.attach(List.of(c), List.of((buf, length, from) -> { }));
        loop.close();
        AtomicInteger released = new AtomicInteger();

        a.close(released::incrementAndGet);
        a.close(released::incrementAndGet);

        assertThat(released.get()).isEqualTo(1);
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    private DatagramChannel channel() throws IOException {
        DatagramChannel c = DatagramChannel.open();
        channels.add(c);
        c.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 20);
        c.bind(new InetSocketAddress(LOOPBACK, 0));
        c.configureBlocking(false);
        return c;
    }

    private void send(String text, DatagramChannel to) throws IOException {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        sender.send(new DatagramPacket(b, b.length, to.getLocalAddress()));
    }

    private static DatagramSocket socket() {
        try {
            return new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
