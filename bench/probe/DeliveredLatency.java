import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * INVITE arrival → call.delivered at a WebSocket client, for bench/sipp-load.sh (EVENT_PROBE=1).
 * Run as a single source file (no dependencies):
 * java bench/probe/DeliveredLatency.java HTTP_PORT EXPECTED TIMEOUT_S [MEASURE_FROM_FILE]
 *
 * Logs in as the demo user alice, subscribes to call.delivered, and for each event takes three
 * instants: the call's created_at (when the B2BUA accepted the authenticated INVITE), the event's
 * ts (taken by the event log as the append's transaction begins, so the commit comes after it)
 * and the moment this client read the frame. All on
 * one machine and one clock. Prints percentiles of the whole path and of its two halves once
 * EXPECTED events arrived or TIMEOUT_S passed.
 *
 * <p>With MEASURE_FROM_FILE the probe can subscribe before the bench's warm-up calls, so its own
 * WebSocket reading is compiled by the time the measured calls start: events are read but not
 * counted until that file exists, and then only those of calls created at or after the instant
 * it holds (nanoseconds since the epoch, as {@code date +%s%N} prints).
 */
public final class DeliveredLatency {
  private static final Pattern CREATED = Pattern.compile("\"created_at\":\"([^\"]+)\"");
  private static final Pattern TS = Pattern.compile("\"ts\":\"([^\"]+)\"");
  private static final Pattern TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int expected = Integer.parseInt(args[1]);
    long timeoutSeconds = Long.parseLong(args[2]);
    MeasureFrom measureFrom = new MeasureFrom(args.length > 3 ? java.nio.file.Path.of(args[3]) : null);
    HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    String body = "{\"grant_type\":\"password\",\"username\":\"alice\",\"password\":\"demo-alice\"}";
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/token"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher token = TOKEN.matcher(login.body());
    if (!token.find()) throw new IllegalStateException("login failed: " + login.statusCode() + " " + login.body());

    List<long[]> samples = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(expected);
    WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token.group(1))
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/events"), new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            long readNanos = nowNanos();
            partial.append(data);
            if (last) {
              String frame = partial.toString();
              partial.setLength(0);
              if (frame.contains("\"type\":\"call.delivered\"")) {
                Matcher created = CREATED.matcher(frame);
                Matcher ts = TS.matcher(frame);
                if (created.find() && ts.find()) {
                  long createdNanos = nanos(Instant.parse(created.group(1)));
                  if (measureFrom.counts(createdNanos)) {
                    samples.add(new long[] {createdNanos, nanos(Instant.parse(ts.group(1))), readNanos});
                    done.countDown();
                  }
                }
              }
            }
            ws.request(1);
            return null;
          }
        }).join();
    socket.sendText("{\"op\":\"subscribe\",\"filters\":{\"types\":[\"call.delivered\"]}}", true).join();
    // The summary is printed once: when every expected event arrived, at the timeout, or when the
    // bench stops the probe early (SIGTERM) because some calls failed and their events never come.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> report(samples)));
    System.err.println("probe: subscribed, waiting for " + expected + " call.delivered events");
    done.await(timeoutSeconds, TimeUnit.SECONDS);
    socket.abort();
    System.exit(0);
  }

  /** From when events count: always without a file; once the file exists, from the instant it holds. */
  private static final class MeasureFrom {
    private final java.nio.file.Path file;
    private long fromNanos = Long.MAX_VALUE;

    MeasureFrom(java.nio.file.Path file) {
      this.file = file;
      if (file == null) fromNanos = Long.MIN_VALUE;
    }

    boolean counts(long createdNanos) {
      if (fromNanos == Long.MAX_VALUE) {
        try {
          String text = java.nio.file.Files.readString(file).strip();
          if (!text.isEmpty()) fromNanos = Long.parseLong(text);
        } catch (java.io.IOException | NumberFormatException notYet) {
          return false;
        }
      }
      return createdNanos >= fromNanos;
    }
  }

  private static void report(List<long[]> samples) {
    List<long[]> all;
    synchronized (samples) {
      all = new ArrayList<>(samples);
    }
    System.out.println("INVITE -> call.delivered at a WebSocket client: " + all.size() + " events");
    print("  whole path  (created_at -> read)", all, s -> s[2] - s[0]);
    print("  to the append  (created_at -> ts)", all, s -> s[1] - s[0]);
    print("  commit+fan-out (ts -> read)      ", all, s -> s[2] - s[1]);
    System.out.flush();
  }

  private static long nowNanos() {
    return nanos(Instant.now());
  }

  private static long nanos(Instant i) {
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static void print(String label, List<long[]> samples, java.util.function.ToLongFunction<long[]> part) {
    if (samples.isEmpty()) {
      System.out.println(label + ": no samples");
      return;
    }
    long[] v = samples.stream().mapToLong(part).sorted().toArray();
    System.out.printf("%s: p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n", label, ms(v, 0.50), ms(v, 0.90),
        ms(v, 0.99), v[v.length - 1] / 1e6);
  }

  private static double ms(long[] sorted, double q) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
