package io.ramal.server.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener: {@code GET /health} (JSON, 200 when every {@link HealthCheck} is up,
 * 503 otherwise), {@code GET /metrics} (Prometheus text format) and any extra
 * {@link HttpRoutes}. Every error is answered as an {@link ErrorBody}. Port 0 binds a free
 * port; {@link #port()} tells which.
 */
public final class HttpServer {
    /** Content type of the Prometheus text exposition format. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final String bind;
    private final int requestedPort;
    private final List<HealthCheck> checks;
    private final PrometheusMeterRegistry registry;
    private final List<HttpRoutes> extraRoutes;
    private Javalin app;

    public HttpServer(String bind, int port, List<HealthCheck> checks, PrometheusMeterRegistry registry) {
        this(bind, port, checks, registry, List.of());
    }

    public HttpServer(
            String bind, int port, List<HealthCheck> checks, PrometheusMeterRegistry registry,
            List<HttpRoutes> extraRoutes) {
        this.bind = Objects.requireNonNull(bind, "bind");
        this.requestedPort = port;
        this.checks = List.copyOf(checks);
        this.registry = Objects.requireNonNull(registry, "registry");
        this.extraRoutes = List.copyOf(extraRoutes);
    }

    /** Binds and starts serving; fails (with Javalin's exception) if the address is taken. */
    public synchronized void start() {
        if (app != null) {
            throw new IllegalStateException("HTTP server already started");
        }
        Javalin created = Javalin.create(this::configure);
        try {
            created.start();
        } catch (RuntimeException e) {
            try {
                created.stop();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        app = created;
    }

    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    /** The bound port (the real one when 0 was asked for). */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("HTTP server not started");
        }
        return app.port();
    }

    /** {@code http://<bind>:<port>/}, with IPv6 addresses in brackets. */
    public URI baseUri() {
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        return URI.create("http://" + host + ":" + port() + "/");
    }

    private void configure(JavalinConfig config) {
        config.jetty.host = bind;
        config.jetty.port = requestedPort;
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.concurrency.useVirtualThreads = true;
        config.requestLogger.http((ctx, millis) -> LOG.atDebug()
                .addKeyValue("method", ctx.method())
                .addKeyValue("path", ctx.path())
                .addKeyValue("status", ctx.status().getCode())
                .addKeyValue("ms", millis)
                .log("http request"));

        config.routes.get("/health", this::health);
        config.routes.get("/metrics", this::metrics);
        for (HttpRoutes routes : extraRoutes) {
            routes.addTo(config.routes);
        }

        config.routes.exception(HttpResponseException.class, (e, ctx) ->
                error(ctx, e.getStatus(), e.getMessage() == null || e.getMessage().isBlank()
                        ? defaultMessage(e.getStatus(), ctx) : e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.atError().setCause(e).addKeyValue("method", ctx.method()).addKeyValue("path", ctx.path())
                    .log("unhandled error in HTTP handler");
            error(ctx, 500, defaultMessage(500, ctx));
        });
        // Statuses set without a body (an unknown path, for instance) get the standard error body;
        // a handler that wrote its own body keeps it.
        for (int status : new int[] {404, 405, 500}) {
            config.routes.error(status, ctx -> {
                if (ctx.resultInputStream() == null) {
                    error(ctx, status, defaultMessage(status, ctx));
                }
            });
        }
    }

    private void health(Context ctx) {
        HealthReport report = HealthReport.of(checks);
        ctx.status(report.healthy() ? 200 : 503).json(report);
    }

    private void metrics(Context ctx) {
        ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape());
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(new ErrorBody(ErrorBody.codeFor(status), message));
    }

    private static String defaultMessage(int status, Context ctx) {
        return switch (status) {
            case 404 -> "no such resource: " + ctx.method() + " " + ctx.path();
            case 405 -> "method " + ctx.method() + " is not allowed on " + ctx.path();
            case 500 -> "internal server error";
            default -> "request failed with HTTP status " + status;
        };
    }
}
