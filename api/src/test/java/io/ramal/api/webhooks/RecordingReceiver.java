package io.ramal.api.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

/**
 * A webhook receiver on 127.0.0.1: a JDK HTTP server that records every request it gets and
 * answers with the status {@link #respondWith} chooses (200 unless told otherwise).
 */
final class RecordingReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String method, URI uri, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        long seq() {
            return Long.parseLong(header("Ramal-Seq"));
        }

        String deliveryId() {
            return header("Ramal-Delivery-Id");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new ArrayList<>();
    private final List<Received> accepted = new ArrayList<>();
    private volatile ToIntFunction<Received> respondWith = request -> 200;

    private RecordingReceiver(HttpServer server) {
        this.server = server;
    }

    static RecordingReceiver start() {
        return start(0);
    }

    static RecordingReceiver start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            RecordingReceiver receiver = new RecordingReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(receiver.executor);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    void respondWith(ToIntFunction<Received> status) {
        this.respondWith = status;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized List<Received> receivedAt(String path) {
        return received.stream().filter(r -> r.uri().getPath().equals(path)).toList();
    }

    /** The requests answered with a 2xx, in the order they came. */
    synchronized List<Received> accepted() {
        return List.copyOf(accepted);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI(), headers,
                    exchange.getRequestBody().readAllBytes());
            synchronized (this) {
                received.add(request);
            }
            int status = respondWith.applyAsInt(request);
            if (status >= 200 && status < 300) {
                synchronized (this) {
                    accepted.add(request);
                }
            }
            byte[] answer = ("status " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
