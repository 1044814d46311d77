package io.ramal.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpServerTest {
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicBoolean storeUp = new AtomicBoolean(true);
    private HttpServer server;

    @BeforeAll
    void start() {
        List<HealthCheck> checks = List.of(
                new HealthCheck("http", () -> true),
                new HealthCheck("store", storeUp::get));
        HttpRoutes extra = routes -> routes
                .get("/boom", ctx -> {
                    throw new IllegalStateException("secret internal detail");
                })
                .get("/calls/{id}", ctx -> ctx.status(404).json(new ErrorBody("call_not_found", "no call " + ctx.pathParam("id"))));
        server = new HttpServer("127.0.0.1", 0, checks, registry, List.of(extra));
        server.start();
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @Test
    void bindsAFreePortWhenAskedForPortZero() {
        assertThat(server.port()).isPositive();
        assertThat(server.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/"));
    }

    @Test
    void healthIsUpWhenEveryComponentIs() throws Exception {
        storeUp.set(true);
        HttpResponse<String> response = get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json.readTree(response.body()))
                .isEqualTo(json.readTree("{\"status\":\"up\",\"components\":{\"http\":\"up\",\"store\":\"up\"}}"));
    }

    @Test
    void healthIs503AndNamesTheComponentThatIsDown() throws Exception {
        storeUp.set(false);
        try {
            HttpResponse<String> response = get("/health");
            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("status").asText()).isEqualTo("down");
            assertThat(body.at("/components/store").asText()).isEqualTo("down");
            assertThat(body.at("/components/http").asText()).isEqualTo("up");
        } finally {
            storeUp.set(true);
        }
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        registry.counter("ramal_test_events", "kind", "probe").increment(3);
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain").contains("version=0.0.4"));
        assertThat(response.body())
                .contains("# TYPE ramal_test_events_total counter")
                .contains("ramal_test_events_total{kind=\"probe\"} 3.0");
    }

    @Test
    void unknownPathIsAJsonNotFound() throws Exception {
        HttpResponse<String> response = get("/no/such/thing");
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("code").asText()).isEqualTo("not_found");
        assertThat(body.get("message").asText()).contains("/no/such/thing");
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("code", "message");
    }

    @Test
    void aFailingHandlerIsAJson500WithoutDetails() throws Exception {
        HttpResponse<String> response = get("/boom");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json.readTree(response.body()))
                .isEqualTo(json.readTree("{\"code\":\"internal_error\",\"message\":\"internal server error\"}"));
        assertThat(response.body()).doesNotContain("secret internal detail").doesNotContain("at io.ramal");
    }

    @Test
    void aHandlersOwnErrorBodyIsKept() throws Exception {
        HttpResponse<String> response = get("/calls/42");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()))
                .isEqualTo(json.readTree("{\"code\":\"call_not_found\",\"message\":\"no call 42\"}"));
    }

    @Test
    void aTakenPortFailsToStart() {
        HttpServer second = new HttpServer("127.0.0.1", server.port(), List.of(), registry);
        assertThatThrownBy(second::start).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(second::port).isInstanceOf(IllegalStateException.class);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(5)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
