package io.ramal.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket client (java.net.http) that records every text message it receives, apart from the
 * server's heartbeat pings (counted instead), and how the socket closed.
 */
final class RecordingSocket implements WebSocket.Listener, AutoCloseable {

    /** How the server closed the socket. */
    record Closed(int code, String reason) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private final boolean reading;
    private WebSocket socket;

    private RecordingSocket(boolean reading) {
        this.reading = reading;
    }

    /** Connects to {@code uri} with the given upgrade headers (name, value, name, value…). */
    static RecordingSocket connect(HttpClient client, URI uri, String... headers) {
        return connect(client, uri, true, headers);
    }

    /** A client that reads nothing until {@link #startReading()}. */
    static RecordingSocket connectWithoutReading(HttpClient client, URI uri, String... headers) {
        return connect(client, uri, false, headers);
    }

    private static RecordingSocket connect(HttpClient client, URI uri, boolean reading, String... headers) {
        RecordingSocket recorder = new RecordingSocket(reading);
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(WAIT);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        recorder.socket = builder.buildAsync(uri, recorder).orTimeout(10, TimeUnit.SECONDS).join();
        return recorder;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(reading ? Long.MAX_VALUE : 1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                JsonNode message = JSON.readTree(text);
                if ("ping".equals(message.path("op").asText())) {
                    pings.incrementAndGet();
                } else {
                    messages.add(message);
                }
            } catch (JsonProcessingException e) {
                closed.completeExceptionally(new AssertionError("server sent invalid JSON: " + text, e));
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Closed(1006, String.valueOf(error)));
    }

    /** Lets a {@link #connectWithoutReading} client read everything from now on. */
    void startReading() {
        socket.request(Long.MAX_VALUE);
    }

    void send(String text) {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    void send(Map<String, Object> message) {
        try {
            send(JSON.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    void sendBinary() {
        socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The next recorded message; fails the test if none comes in time. */
    JsonNode next() {
        try {
            JsonNode message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("a message within %s (closed: %s)", WAIT, closed.getNow(null)).isNotNull();
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message, which must have this op. */
    JsonNode next(String op) {
        JsonNode message = next();
        assertThat(message.path("op").asText()).as("op of %s", message).isEqualTo(op);
        return message;
    }

    /** Reads the hello (and, with a credential at connect, the authenticated op). */
    RecordingSocket greeted(boolean authenticated) {
        next("hello");
        if (authenticated) {
            next("authenticated");
        }
        return this;
    }

    /** Reads event ops until one with seq {@code last} arrives; returns the seqs in arrival order. */
    List<Long> seqsThrough(long last) {
        List<Long> seqs = new ArrayList<>();
        while (seqs.isEmpty() || seqs.getLast() < last) {
            JsonNode message = next("event");
            seqs.add(message.get("seq").asLong());
        }
        return seqs;
    }

    /** Events received so far without waiting (other ops are discarded). */
    List<JsonNode> drainEvents() {
        List<JsonNode> drained = new ArrayList<>();
        messages.drainTo(drained);
        return drained.stream().filter(message -> "event".equals(message.path("op").asText())).toList();
    }

    boolean hasNoMessage() {
        return messages.isEmpty();
    }

    int pings() {
        return pings.get();
    }

    Closed awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone() && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .completeOnTimeout(socket, 2, TimeUnit.SECONDS)
                    .exceptionally(failure -> socket)
                    .join();
        }
        socket.abort();
    }
}
