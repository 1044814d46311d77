package io.ramal.it.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A CRM's webhook endpoint: a real HTTP server on 127.0.0.1 that records every request it gets,
 * in arrival order, and answers the way the test says — accept (204), fail with a status (503, the
 * receiver being "down"), or hold the next request matching a condition without answering until
 * the test lets it go (a receiver that got the request while the sender died).
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as it arrived, and what the receiver answered (0: never answered, it was held). */
  public record Request(String method, String rawPathAndQuery, String host, java.util.Map<String, String> headers,
      byte[] body, int answered) {

    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public String path() {
      int q = rawPathAndQuery.indexOf('?');
      return q < 0 ? rawPathAndQuery : rawPathAndQuery.substring(0, q);
    }

    /** The query parameter, percent-decoded, or empty. */
    public Optional<String> query(String name) {
      int q = rawPathAndQuery.indexOf('?');
      if (q < 0) return Optional.empty();
      for (String pair : rawPathAndQuery.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        if (key.equals(name)) {
          return Optional.of(java.net.URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      return Optional.empty();
    }

    public String deliveryId() {
      return header("Ramal-Delivery-Id");
    }

    public String eventId() {
      return header("Ramal-Event-Id");
    }

    public long seq() {
      return Long.parseLong(header("Ramal-Seq"));
    }

    public int attempt() {
      return Integer.parseInt(header("Ramal-Attempt"));
    }

    public boolean accepted() {
      return answered >= 200 && answered < 300;
    }

    /**
     * Whether {@code Ramal-Signature} is valid for {@code secret}, checked as docs/webhooks.md tells
     * a receiver to: a timestamp within 5 minutes, HMAC-SHA256 over {@code t + "."} and the raw
     * body (for a GET, the full URL), compared in constant time.
     */
    public boolean signedWith(String secret) {
      String signature = header("Ramal-Signature");
      if (signature == null) return false;
      long t = -1;
      List<byte[]> given = new ArrayList<>();
      for (String item : signature.split(",")) {
        String entry = item.strip();
        if (entry.startsWith("t=")) t = Long.parseLong(entry.substring(2));
        if (entry.startsWith("v1=")) given.add(HexFormat.of().parseHex(entry.substring(3)));
      }
      if (t < 0 || Math.abs(System.currentTimeMillis() / 1000 - t) > 300) return false;
      byte[] content = method.equals("GET")
          ? ("http://" + host + rawPathAndQuery).getBytes(StandardCharsets.UTF_8) : body;
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(content);
        return given.stream().anyMatch(v -> MessageDigest.isEqual(expected, v));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final AtomicInteger status = new AtomicInteger(204);
  private final AtomicReference<Hold> hold = new AtomicReference<>();

  private record Hold(Predicate<Request> which, CountDownLatch arrived, CountDownLatch released) {}

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  /** Starts on a free port of 127.0.0.1, accepting every request with 204. */
  public static WebhookReceiver start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      WebhookReceiver receiver = new WebhookReceiver(server);
      server.createContext("/", receiver::handle);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}, to put in front of a path in a webhook URL. */
  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** From now on every request is answered with {@code code} (204 accepts, 503 says "down"). */
  public void answer(int code) {
    status.set(code);
  }

  /**
   * The next request that {@code which} accepts is recorded and then left unanswered until
   * {@link #release()}; returns a latch that opens when it has arrived.
   */
  public CountDownLatch holdNext(Predicate<Request> which) {
    Hold h = new Hold(which, new CountDownLatch(1), new CountDownLatch(1));
    hold.set(h);
    return h.arrived();
  }

  /** Lets a held request go: it is answered (to a sender that may be gone). */
  public void release() {
    Hold h = hold.getAndSet(null);
    if (h != null) h.released().countDown();
  }

  /** Every request so far, in arrival order. */
  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Waits until the requests so far satisfy {@code done}; fails after {@code within}. */
  public List<Request> awaitRequests(Predicate<List<Request>> done, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      List<Request> now = requests();
      if (done.test(now)) return now;
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the receiver's requests did not get there within " + within + "; got "
            + now.stream().map(r -> r.method() + " " + r.rawPathAndQuery() + " seq=" + r.header("Ramal-Seq")
                + " -> " + r.answered()).toList());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      java.util.Map<String, String> headers = new java.util.HashMap<>();
      exchange.getRequestHeaders().forEach((name, values) ->
          headers.put(name.toLowerCase(java.util.Locale.ROOT), values.getFirst()));
      String target = exchange.getRequestURI().getRawPath()
          + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
      String host = exchange.getRequestHeaders().getFirst("Host");
      Request unanswered = new Request(exchange.getRequestMethod(), target, host, headers, body, 0);
      Hold h = hold.get();
      if (h != null && h.arrived().getCount() > 0 && h.which().test(unanswered)) {
        synchronized (this) {
          requests.add(unanswered);
        }
        h.arrived().countDown();
        try {
          h.released().await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        exchange.sendResponseHeaders(204, -1); // most likely to nobody: the sender is gone
        return;
      }
      int code = status.get();
      synchronized (this) {
        requests.add(new Request(unanswered.method(), target, host, headers, body, code));
      }
      exchange.sendResponseHeaders(code, -1);
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
