package io.ramal.api.screenpop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a CRM over HTTP/1.1 with the JDK client: GET, {@code Accept: application/json}, no
 * redirects followed (a redirect could lead past the SSRF guard), no proxy, at most
 * {@code maxBody} bytes of answer read, and the whole exchange bounded by the timeout.
 */
final class HttpContactSource implements ContactSource {

    static final String USER_AGENT = "Ramal-CrmLookup/1";
    private final HttpClient client;
    private final int maxBody;

    HttpContactSource(Duration connectTimeout, int maxBody) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(connectTimeout)
                .build();
        this.maxBody = maxBody;
    }

    @Override
    public LookupResult fetch(URI uri, Map<String, String> headers, Duration timeout) throws InterruptedException {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).GET();
            headers.forEach(builder::header);
            builder.setHeader("User-Agent", headers.getOrDefault("User-Agent", USER_AGENT));
            if (!headers.containsKey("Accept")) {
                builder.setHeader("Accept", "application/json");
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return new LookupResult.Failed("request refused by the HTTP client: " + e.getMessage());
        }
        CompletableFuture<HttpResponse<Optional<byte[]>>> answer =
                client.sendAsync(request, info -> new Bounded(maxBody));
        try {
            HttpResponse<Optional<byte[]>> response = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return response.body().map(body -> ContactAnswer.read(response.statusCode(), body))
                    .orElseGet(() -> new LookupResult.Failed("the CRM's answer is longer than " + maxBody + " bytes"));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return new LookupResult.TimedOut(timeout);
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return switch (e.getCause()) {
                case HttpConnectTimeoutException t -> new LookupResult.TimedOut(timeout);
                case HttpTimeoutException t -> new LookupResult.TimedOut(timeout);
                case ConnectException c -> new LookupResult.Failed("connection refused");
                case IOException io -> new LookupResult.Failed(io.getClass().getSimpleName()
                        + (io.getMessage() == null ? "" : ": " + io.getMessage()));
                case null, default -> new LookupResult.Failed(String.valueOf(e.getCause()));
            };
        }
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    /** Reads a body of up to {@code limit} bytes; a longer one completes empty (and is not kept). */
    private static final class Bounded implements HttpResponse.BodySubscriber<Optional<byte[]>> {
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<Optional<byte[]>> result = new CompletableFuture<>();
        private boolean tooLong;

        Bounded(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<Optional<byte[]>> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (tooLong || kept.size() + buffer.remaining() > limit) {
                    tooLong = true;
                    buffer.position(buffer.limit());
                    continue;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                kept.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(tooLong ? Optional.empty() : Optional.of(kept.toByteArray()));
        }
    }
}
