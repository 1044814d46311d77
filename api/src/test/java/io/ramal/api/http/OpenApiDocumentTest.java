package io.ramal.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link OpenApiDocument} on a real Javalin at 127.0.0.1: the bytes, the entity tag, revalidation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {

    private final OpenApiDocument document = new OpenApiDocument();
    private final Javalin app = Javalin.create(config -> {
        config.jetty.host = "127.0.0.1";
        config.jetty.port = 0;
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        document.addTo(config.routes);
    }).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    void stop() {
        app.stop();
        http.close();
    }

    private HttpResponse<byte[]> get(String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + OpenApiDocument.PATH));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesThePackagedDocumentAsJsonWithItsEntityTag() throws Exception {
        HttpResponse<byte[]> response = get(null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(response.headers().firstValue("ETag")).hasValue(document.etag());
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(new ObjectMapper().readTree(response.body())).isEqualTo(ContractDocument.packaged().root);
    }

    @Test
    void answersNotModifiedWithoutABodyWhenTheClientHoldsTheCurrentTag() throws Exception {
        HttpResponse<byte[]> response = get(document.etag());

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ETag")).hasValue(document.etag());
    }

    @Test
    void comparesTagsWeaklyAndAcceptsListsAndTheWildcard() throws Exception {
        assertThat(get("\"stale\", W/" + document.etag()).statusCode()).isEqualTo(304);
        assertThat(get("*").statusCode()).isEqualTo(304);
        assertThat(get("\"stale\"").statusCode()).isEqualTo(200);
        assertThat(get(document.etag().replace("\"", "")).statusCode()).isEqualTo(200);
    }

    @Test
    void theEntityTagIsStableAcrossLoads() {
        assertThat(new OpenApiDocument().etag()).isEqualTo(document.etag()).matches("\"[0-9a-f]{32}\"");
    }
}
