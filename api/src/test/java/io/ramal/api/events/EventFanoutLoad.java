package io.ramal.api.events;

import io.javalin.Javalin;
import io.ramal.api.auth.BearerVerifier;
import io.ramal.api.auth.Principal;
import io.ramal.api.auth.Role;
import io.ramal.store.Database;
import io.ramal.store.EventLog;
import io.ramal.store.Tenant;
import io.ramal.store.Tenants;
import io.ramal.store.testing.ScratchDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load program (not a test): many WebSocket subscribers of one tenant, events appended at a
 * steady rate, measured deliveries per second, delivery delay (append call → client received)
 * and the server's heap.
 *
 * <p>The server (journal on a scratch SQLite file, Javalin on 127.0.0.1) runs in this JVM; the
 * clients ({@link FanoutLoadClients}: minimal NIO WebSocket clients, so that they take little of
 * the CPU the server shares) run in a child JVM on the same class path, so the heap figures are
 * the server's own. Both read {@link System#nanoTime()}, which on Linux is one system-wide
 * monotonic clock, so the child can compute delays from the {@code sent_ns} field every event
 * carries.
 *
 * <pre>
 * java -cp &lt;test class path&gt; io.ramal.api.events.EventFanoutLoad [subscribers] [events/s] [seconds]
 * </pre>
 * Defaults: 5,000 subscribers, 10 events/s, 20 s.
 */
public final class EventFanoutLoad {

    private EventFanoutLoad() {}

    public static void main(String[] args) throws Exception {
        int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        server(subscribers, rate, seconds);
    }

    private static void server(int subscribers, int rate, int seconds) throws Exception {
        PrintStream out = System.out;
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try (ScratchDatabase scratch = ScratchDatabase.sqlite()) {
            Database database = scratch.open();
            new Tenants(database.dataSource()).save(new Tenant("bench", "Bench", Instant.now()));
            Fanout fanout = new Fanout();
            EventJournal journal = new EventJournal(new EventLog(database.dataSource(), InstantSource.system()), fanout);
            BearerVerifier verifier = (credential, now) -> new BearerVerifier.Verification.Valid(
                    new Principal("bench", credential, credential, Set.of(Role.AGENT), Set.of(), Optional.empty(),
                            Principal.Kind.ACCESS_TOKEN),
                    Instant.MAX);
            EventSocketConfig config = EventSocketConfig.defaults("bench").withMaxSocketsPerUser(1);
            EventSocket socket = new EventSocket(config, verifier, journal, new HeadSnapshots(journal), scheduler,
                    InstantSource.system());
            Javalin app = Javalin.create(javalin -> {
                javalin.jetty.host = "127.0.0.1";
                javalin.jetty.port = 0;
                javalin.startup.showJavalinBanner = false;
                javalin.startup.showOldJavalinVersionWarning = false;
                javalin.concurrency.useVirtualThreads = true;
                socket.addTo(javalin.routes);
            }).start();
            try {
                out.printf(Locale.ROOT, "server: port %d, %d subscribers wanted, %d events/s for %d s, %d cores%n",
                        app.port(), subscribers, rate, seconds, Runtime.getRuntime().availableProcessors());
                long heapBefore = heapAfterGc();
                Process child = startClients(app.port(), subscribers);
                BufferedReader childOut = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                String ready = forward(childOut, out, "READY");
                int connected = Integer.parseInt(ready.split(" ")[1]);
                long heapConnected = heapAfterGc();
                out.printf(Locale.ROOT, "server: %d sockets open, %d subscribed; heap after GC %d MB (%d MB before"
                        + " the clients, %.1f KB per socket)%n", socket.openSockets(), fanout.subscribers("bench"),
                        mb(heapConnected), mb(heapBefore),
                        (heapConnected - heapBefore) / 1024.0 / Math.max(1, connected));

                HeapSampler sampler = new HeapSampler();
                scheduler.scheduleAtFixedRate(sampler, 0, 100, TimeUnit.MILLISECONDS);
                long cpuBefore = cpuNanos();
                long wallBefore = System.nanoTime();
                Optional<jdk.jfr.Recording> recording = Optional.ofNullable(System.getProperty("bench.jfr"))
                        .map(EventFanoutLoad::record);
                long events = append(journal, rate, seconds, out);
                child.outputWriter().write("DONE " + events + "\n");
                child.outputWriter().flush();
                forward(childOut, out, "RESULT");
                recording.ifPresent(jdk.jfr.Recording::stop);
                double cpu = (cpuNanos() - cpuBefore) / 1e9;
                double wall = (System.nanoTime() - wallBefore) / 1e9;
                out.printf(Locale.ROOT, "server: CPU %.1f s in %.1f s of streaming (%.2f cores); %.1f µs of server CPU"
                        + " per delivery; load average now %.1f%n", cpu, wall, cpu / wall,
                        cpu * 1e6 / Math.max(1, events * connected),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                child.waitFor(60, TimeUnit.SECONDS);
                out.printf(Locale.ROOT, "server: heap peak while streaming %d MB (sampled every 100 ms), after GC %d MB%n",
                        mb(sampler.peak.get()), mb(heapAfterGc()));
            } finally {
                socket.close();
                app.stop();
                fanout.close();
                scheduler.shutdownNow();
            }
        }
    }

    /** Appends {@code rate} events per second for {@code seconds}, one transaction each; returns how many. */
    private static long append(EventJournal journal, int rate, int seconds, PrintStream out) throws InterruptedException {
        long total = (long) rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long worstAppend = 0;
        long sumAppend = 0;
        for (long i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long before = System.nanoTime();
            journal.append("bench", "call.delivered", Optional.of("c-" + i), Optional.of("1002"),
                    Map.of("caller", "1001", "callee", "1002", "direction", "internal", "sent_ns", before));
            long took = System.nanoTime() - before;
            worstAppend = Math.max(worstAppend, took);
            sumAppend += took;
        }
        out.printf(Locale.ROOT, "server: appended %d events in %.1f s (append incl. commit and fan-out: mean %.2f ms, max %.2f ms)%n",
                total, (System.nanoTime() - start) / 1e9, sumAppend / 1e6 / total, worstAppend / 1e6);
        return total;
    }

    private static Process startClients(int port, int subscribers) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                FanoutLoadClients.class.getName(), Integer.toString(port), Integer.toString(subscribers));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Copies the child's lines to {@code out} until one starts with {@code marker}; returns that line. */
    private static String forward(BufferedReader childOut, PrintStream out, String marker) throws IOException {
        for (String line = childOut.readLine(); line != null; line = childOut.readLine()) {
            out.println(line);
            if (line.startsWith(marker)) {
                return line;
            }
        }
        throw new IOException("the client process ended before " + marker);
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** With -Dbench.jfr=FILE: a profile of the streaming phase only. */
    private static jdk.jfr.Recording record(String file) {
        try {
            jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.setDestination(Path.of(file));
            recording.start();
            return recording;
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("cannot start JFR", e);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static final class HeapSampler implements Runnable {
        final AtomicLong peak = new AtomicLong();

        @Override
        public void run() {
            peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        }
    }
}
