package io.ramal.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client of the event WebSocket ({@code /api/v1/events}) built on the JDK's WebSocket: it
 * queues every text frame the server sends as JSON, and remembers how the socket closed.
 */
public final class EventStreamClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private EventStreamClient(URI uri, String token) {
    HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    this.socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
        .connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, new Listener()).join();
  }

  /** Connects to the server on 127.0.0.1:{@code httpPort} with an access token or API key. */
  public static EventStreamClient connect(int httpPort, String token) {
    return new EventStreamClient(URI.create("ws://127.0.0.1:" + httpPort + "/api/v1/events"), token);
  }

  public void send(String json) {
    socket.sendText(json, true).join();
  }

  /** The next frame with this op (frames before it with other ops are dropped); fails after the wait. */
  public JsonNode next(String op, Duration within) {
    return next(frame -> frame.path("op").asText().equals(op), within);
  }

  public JsonNode next(Predicate<JsonNode> wanted, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        JsonNode frame = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
        if (frame == null) throw new AssertionError("no matching frame within " + within);
        if (wanted.test(frame)) return frame;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Events (op {@code event}) until one satisfies {@code last}, which is included. */
  public List<JsonNode> eventsUntil(Predicate<JsonNode> last, Duration within) {
    List<JsonNode> events = new ArrayList<>();
    while (true) {
      JsonNode event = next("event", within);
      events.add(event);
      if (last.test(event)) return events;
    }
  }

  /** Every frame already received, without waiting. */
  public List<JsonNode> drain() {
    List<JsonNode> all = new ArrayList<>();
    frames.drainTo(all);
    return all;
  }

  /** The close code the server sent (waits for it). */
  public int closeCode(Duration within) {
    return closed.orTimeout(within.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          frames.add(JSON.readTree(partial.toString()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }
  }
}
