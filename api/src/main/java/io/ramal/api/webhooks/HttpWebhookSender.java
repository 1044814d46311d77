package io.ramal.api.webhooks;

import io.ramal.store.WebhookAttempt;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends webhook requests with {@link HttpClient} (HTTP/1.1, no redirects followed — a redirect
 * could lead past the SSRF guard — and no proxy), with a connect timeout and a timeout on the
 * whole answer.
 */
final class HttpWebhookSender implements WebhookSender {

    private final HttpClient client;
    private final Duration readTimeout;

    HttpWebhookSender(Duration connectTimeout, Duration readTimeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(connectTimeout)
                .build();
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    }

    @Override
    public SendResult send(WebhookRequest request) throws InterruptedException {
        HttpRequest httpRequest;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(readTimeout);
            request.headers().forEach(builder::header);
            if (request.method().equals("GET")) {
                builder.GET();
            } else {
                builder.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
            }
            httpRequest = builder.build();
        } catch (IllegalArgumentException e) {
            return new SendResult.Failed("request refused by the HTTP client: " + e.getMessage(), Duration.ZERO);
        }
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> future =
                client.sendAsync(httpRequest, info -> new SnippetSubscriber(WebhookAttempt.MAX_SNIPPET));
        try {
            // the request's own timeout covers the headers; this one the whole answer
            HttpResponse<String> response = future.get(readTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return new SendResult.Answered(response.statusCode(), response.body(), since(started));
        } catch (TimeoutException e) {
            future.cancel(true);
            return new SendResult.Failed("no complete answer within " + readTimeout, since(started));
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (CancellationException e) {
            return new SendResult.Failed("cancelled", since(started));
        } catch (ExecutionException e) {
            return new SendResult.Failed(describe(e.getCause()), since(started));
        }
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static String describe(Throwable cause) {
        return switch (cause) {
            case HttpConnectTimeoutException e -> "connect timed out";
            case HttpTimeoutException e -> "no answer in time";
            case ConnectException e -> "connection refused" + (e.getMessage() == null ? "" : ": " + e.getMessage());
            case IOException e -> e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            case null -> "failed";
            default -> cause.getClass().getSimpleName() + ": " + cause.getMessage();
        };
    }
}
