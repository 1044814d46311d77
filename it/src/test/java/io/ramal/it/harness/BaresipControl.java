package io.ramal.it.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Client of baresip's ctrl_tcp module: sends commands as netstring-framed JSON
 * ({@code {"command":"dial","params":"sip:...","token":"7"}}), matches responses by token, and
 * records every event in arrival order.
 *
 * <p>Events are awaited in sequence: {@link #awaitEvent} returns the first not yet consumed event
 * that matches and consumes it together with the unmatched events before it; {@link #events()}
 * still lists everything received.
 */
final class BaresipControl implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong tokens = new AtomicLong();
  private final Map<String, CompletableFuture<BaresipResponse>> pending = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private final List<BaresipEvent> events = new ArrayList<>();
  private int consumed;
  private IOException failure;

  private BaresipControl(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    InputStream in = new BufferedInputStream(socket.getInputStream());
    Thread.ofVirtual().name("baresip-ctrl-" + socket.getPort()).start(() -> readLoop(in));
  }

  /** Connects to 127.0.0.1:{@code port}; throws if nothing accepts within {@code timeout}. */
  static BaresipControl connect(int port, Duration timeout, PeerProcess process) {
    long deadline = System.nanoTime() + timeout.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline && process.isAlive()) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        socket.setTcpNoDelay(true);
        return new BaresipControl(socket);
      } catch (IOException e) {
        last = e;
        closeQuietly(socket);
        pause(Duration.ofMillis(30));
      }
    }
    throw new IllegalStateException("baresip's ctrl_tcp port " + port + " did not accept a connection"
        + (process.isAlive() ? " within " + timeout : ": baresip exited"), last);
  }

  /** Sends a command and waits for baresip's response. */
  BaresipResponse command(String command, Optional<String> params, Duration timeout) {
    String token = Long.toString(tokens.incrementAndGet());
    ObjectNode message = json.createObjectNode().put("command", command).put("token", token);
    params.ifPresent(p -> message.put("params", p));
    CompletableFuture<BaresipResponse> response = new CompletableFuture<>();
    pending.put(token, response);
    try {
      synchronized (out) {
        out.write(Netstring.encode(json.writeValueAsString(message)));
        out.flush();
      }
      return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send '" + command + "' to baresip", e);
    } catch (TimeoutException e) {
      throw new AssertionError("baresip did not answer '" + command + "' within " + timeout, e);
    } catch (ExecutionException e) {
      throw new AssertionError("baresip's control connection failed during '" + command + "'", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pending.remove(token);
    }
  }

  /**
   * The first unconsumed event matching {@code condition}, waiting up to {@code timeout}; empty
   * when none arrives in time or the connection ends.
   */
  Optional<BaresipEvent> awaitEvent(Predicate<BaresipEvent> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        for (int i = consumed; i < events.size(); i++) {
          if (condition.test(events.get(i))) {
            consumed = i + 1;
            return Optional.of(events.get(i));
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || failure != null) {
          return Optional.empty();
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
    }
  }

  /** Every event received so far, in order. */
  List<BaresipEvent> events() {
    synchronized (lock) {
      return List.copyOf(events);
    }
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }

  private void readLoop(InputStream in) {
    try {
      Optional<String> frame;
      while ((frame = Netstring.read(in)).isPresent()) {
        dispatch(frame.get());
      }
      fail(new IOException("baresip closed the control connection"));
    } catch (IOException e) {
      fail(e);
    }
  }

  private void dispatch(String text) {
    JsonNode message;
    try {
      message = json.readTree(text);
    } catch (JsonProcessingException e) {
      return; // not JSON: ignore, as baresip ignores what it does not understand
    }
    if (message.path("event").asBoolean(false)) {
      synchronized (lock) {
        events.add(BaresipEvent.of(message));
        lock.notifyAll();
      }
    } else if (message.path("response").asBoolean(false)) {
      CompletableFuture<BaresipResponse> waiting = pending.get(message.path("token").asText(""));
      if (waiting != null) {
        waiting.complete(new BaresipResponse(message.path("ok").asBoolean(false), message.path("data").asText("")));
      }
    }
  }

  private void fail(IOException cause) {
    synchronized (lock) {
      failure = cause;
      lock.notifyAll();
    }
    pending.values().forEach(response -> response.completeExceptionally(cause));
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
