package io.ramal.api.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The client half of {@link EventFanoutLoad}, run in its own JVM: thousands of minimal WebSocket
 * clients (RFC 6455 framing by hand, a few selector threads) so that the clients cost as little
 * CPU as possible on the machine the server shares. Each checks that its seq values follow each
 * other and records the delay of every event from its {@code sent_ns} field.
 *
 * <p>Protocol on stdin/stdout with the parent: prints {@code READY n} once {@code n} sockets are
 * subscribed, reads {@code DONE events}, prints statistics and a final {@code RESULT} line.
 */
final class FanoutLoadClients {

    private static final int SELECTORS = 2;
    private static final long BUCKET_MICROS = 50;
    private static final int BUCKETS = 200_000; // 50 µs × 200,000 = 10 s

    private FanoutLoadClients() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int subscribers = Integer.parseInt(args[1]);
        Stats stats = new Stats();
        CountDownLatch subscribed = new CountDownLatch(subscribers);
        List<Loop> loops = new ArrayList<>();
        for (int i = 0; i < SELECTORS; i++) {
            Loop loop = new Loop(stats, subscribed);
            loops.add(loop);
            Thread.ofPlatform().daemon().name("client-loop-" + i).start(loop);
        }
        long started = System.nanoTime();
        for (int i = 0; i < subscribers; i++) {
            while (stats.connecting.get() >= 200) {
                Thread.sleep(1);
            }
            stats.connecting.incrementAndGet();
            loops.get(i % SELECTORS).connect(port, "bench-" + i);
        }
        boolean all = subscribed.await(180, TimeUnit.SECONDS);
        int connected = subscribers - stats.failed.intValue();
        System.out.printf(Locale.ROOT, "clients: %d connected and subscribed in %.1f s (%d failed%s)%n", connected,
                (System.nanoTime() - started) / 1e9, stats.failed.intValue(), all ? "" : ", timed out");
        System.out.println("READY " + connected);
        System.out.flush();

        long cpuBefore = cpuNanos();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        long events = Long.parseLong(in.readLine().split(" ")[1]);
        long expected = events * connected;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (stats.delivered.sum() < expected && System.nanoTime() < deadline && stats.closed.sum() == 0) {
            Thread.sleep(20);
        }
        double seconds = (stats.lastNanos.get() - stats.firstNanos.get()) / 1e9;
        System.out.printf(Locale.ROOT, "clients: %d of %d deliveries, %d gaps or duplicates, %d sockets closed by the server%n",
                stats.delivered.sum(), expected, stats.outOfOrder.sum(), stats.closed.sum());
        System.out.printf(Locale.ROOT, "clients: CPU %.1f s while receiving (%d selector threads)%n",
                (cpuNanos() - cpuBefore) / 1e9, SELECTORS);
        System.out.printf(Locale.ROOT, "clients: first to last delivery %.2f s → %.0f deliveries/s%n", seconds,
                stats.delivered.sum() / Math.max(seconds, 1e-9));
        System.out.printf(Locale.ROOT, "RESULT delay append→received: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                stats.percentile(0.50), stats.percentile(0.99), stats.percentile(0.999), stats.maxNanos.get() / 1e6);
        System.out.flush();
        System.exit(0);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Delivery counters and a delay histogram shared by all sockets. */
    private static final class Stats {
        final LongAdder delivered = new LongAdder();
        final LongAdder outOfOrder = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder closed = new LongAdder();
        final AtomicLong connecting = new AtomicLong();
        final AtomicLong firstNanos = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastNanos = new AtomicLong();
        final AtomicLong maxNanos = new AtomicLong();
        final AtomicLongArray buckets = new AtomicLongArray(BUCKETS + 1);

        void record(long delayNanos, long now) {
            delivered.increment();
            firstNanos.accumulateAndGet(now, Math::min);
            lastNanos.accumulateAndGet(now, Math::max);
            maxNanos.accumulateAndGet(delayNanos, Math::max);
            buckets.incrementAndGet((int) Math.min(BUCKETS, Math.max(0, delayNanos / 1_000 / BUCKET_MICROS)));
        }

        /** The delay (ms) below which {@code fraction} of deliveries fell, to the bucket's upper edge. */
        double percentile(double fraction) {
            long total = delivered.sum();
            long target = (long) Math.ceil(total * fraction);
            long seen = 0;
            for (int i = 0; i <= BUCKETS; i++) {
                seen += buckets.get(i);
                if (seen >= target && total > 0) {
                    return (i + 1) * BUCKET_MICROS / 1_000.0;
                }
            }
            return Double.NaN;
        }
    }

    /** One selector thread and the sockets registered with it. */
    private static final class Loop implements Runnable {
        private final Stats stats;
        private final CountDownLatch subscribed;
        private final Selector selector;
        private final ConcurrentLinkedQueue<Client> pending = new ConcurrentLinkedQueue<>();

        Loop(Stats stats, CountDownLatch subscribed) throws IOException {
            this.stats = stats;
            this.subscribed = subscribed;
            this.selector = Selector.open();
        }

        void connect(int port, String token) throws IOException {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            pending.add(new Client(channel, port, token));
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    selector.select(100);
                    for (Client client = pending.poll(); client != null; client = pending.poll()) {
                        client.channel.register(selector, SelectionKey.OP_CONNECT, client);
                    }
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        Client client = (Client) key.attachment();
                        try {
                            if (key.isConnectable()) {
                                client.channel.finishConnect();
                                client.write(client.upgradeRequest());
                                key.interestOps(SelectionKey.OP_READ);
                            } else if (key.isReadable()) {
                                client.read(System.nanoTime());
                            }
                        } catch (IOException e) {
                            key.cancel();
                            client.channel.close();
                            if (client.upgraded) {
                                stats.closed.increment();
                            } else {
                                stats.failed.increment();
                                stats.connecting.decrementAndGet();
                                subscribed.countDown();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("selector failed", e);
            }
        }

        /** One WebSocket client: handshake, then server frames (never masked, never fragmented here). */
        private final class Client {
            final SocketChannel channel;
            final int port;
            final String token;
            final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            boolean upgraded;
            long lastSeq = -1;

            Client(SocketChannel channel, int port, String token) {
                this.channel = channel;
                this.port = port;
                this.token = token;
            }

            ByteBuffer upgradeRequest() {
                String request = "GET " + EventSocket.PATH + "?access_token=" + token + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:" + port + "\r\n"
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
                return ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            }

            void write(ByteBuffer buffer) throws IOException {
                while (buffer.hasRemaining()) {
                    if (channel.write(buffer) == 0) {
                        Thread.onSpinWait(); // tiny requests only: the socket buffer is empty
                    }
                }
            }

            void read(long now) throws IOException {
                if (channel.read(in) < 0) {
                    throw new IOException("closed by the server");
                }
                in.flip();
                if (!upgraded && !readHandshake()) {
                    in.compact();
                    return;
                }
                while (readFrame(now)) {
                    // next frame
                }
                in.compact();
            }

            private boolean readHandshake() throws IOException {
                String head = StandardCharsets.US_ASCII.decode(in.duplicate()).toString();
                int end = head.indexOf("\r\n\r\n");
                if (end < 0) {
                    return false;
                }
                if (!head.startsWith("HTTP/1.1 101")) {
                    throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
                }
                in.position(in.position() + end + 4);
                upgraded = true;
                stats.connecting.decrementAndGet();
                write(maskedText("{\"op\":\"subscribe\",\"resume_from\":0}"));
                return true;
            }

            private boolean readFrame(long now) throws IOException {
                if (in.remaining() < 2) {
                    return false;
                }
                int start = in.position();
                int opcode = in.get(start) & 0x0F;
                int length = in.get(start + 1) & 0x7F;
                int header = 2;
                if (length == 126) {
                    if (in.remaining() < 4) {
                        return false;
                    }
                    length = ((in.get(start + 2) & 0xFF) << 8) | (in.get(start + 3) & 0xFF);
                    header = 4;
                } else if (length == 127) {
                    if (in.remaining() < 10) {
                        return false;
                    }
                    length = (int) in.getLong(start + 2);
                    header = 10;
                }
                if (in.remaining() < header + length) {
                    return false;
                }
                if (opcode == 0x8) {
                    throw new IOException("close frame");
                }
                if (opcode == 0x1) {
                    text(new String(in.array(), start + header, length, StandardCharsets.UTF_8), now);
                }
                in.position(start + header + length);
                return true;
            }

            private void text(String text, long now) {
                if (text.startsWith("{\"op\":\"event\"")) {
                    long seq = number(text, "\"seq\":");
                    if (lastSeq >= 0 && seq != lastSeq + 1) {
                        stats.outOfOrder.increment();
                    }
                    lastSeq = seq;
                    stats.record(now - number(text, "\"sent_ns\":"), now);
                } else if (text.startsWith("{\"op\":\"subscribed\"")) {
                    lastSeq = 0;
                    subscribed.countDown();
                }
            }

            private static ByteBuffer maskedText(String text) {
                byte[] payload = text.getBytes(StandardCharsets.UTF_8);
                ByteBuffer frame = ByteBuffer.allocate(6 + payload.length);
                frame.put((byte) 0x81).put((byte) (0x80 | payload.length)); // payloads here are < 126 bytes
                byte[] mask = {1, 2, 3, 4};
                frame.put(mask);
                for (int i = 0; i < payload.length; i++) {
                    frame.put((byte) (payload[i] ^ mask[i % 4]));
                }
                return frame.flip();
            }

            private static long number(String text, String key) {
                int at = text.indexOf(key) + key.length();
                int end = at;
                while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '-')) {
                    end++;
                }
                return Long.parseLong(text, at, end, 10);
            }
        }
    }
}
