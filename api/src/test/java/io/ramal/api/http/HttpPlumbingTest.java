package io.ramal.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.ramal.api.ApiException;
import io.ramal.api.auth.BearerVerifier;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.auth.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** ApiErrors, BearerAuthentication and Access behind a real Javalin on 127.0.0.1. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpPlumbingTest {

    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    private static final Principal AGENT = new Principal("demo", "u1", "alice", Set.of(Role.AGENT), Set.of(),
            Optional.of("1001"), Principal.Kind.ACCESS_TOKEN);

    /** Accepts "good", refuses anything else as expired; records what it was asked. */
    private final List<String> verified = new CopyOnWriteArrayList<>();
    private final BearerVerifier verifier = (credential, now) -> {
        verified.add(credential);
        return credential.equals("good")
                ? new BearerVerifier.Verification.Valid(AGENT, now.plusSeconds(60))
                : new BearerVerifier.Verification.Rejected("token_expired", "expired");
    };
    private final BearerAuthentication authentication = new BearerAuthentication(verifier, () -> NOW);
    private final Javalin app = Javalin.create(config -> {
        config.jetty.host = "127.0.0.1";
        config.jetty.port = 0;
        config.startup.showJavalinBanner = false;
        ApiErrors.install(config.routes);
        config.routes.get("/whoami", ctx -> {
            authentication.require(ctx);
            Json.write(ctx, 200, Json.object().put("user", authentication.require(ctx).username()));
        });
        config.routes.get("/admin-only", ctx -> {
            Access.require(authentication.require(ctx), Permission.ADMIN);
            ctx.status(204);
        });
        config.routes.get("/slow-down", ctx -> {
            throw ApiErrors.tooManyRequests(ctx, "too_many_requests", "later", Duration.ofMillis(1500));
        });
        config.routes.post("/echo", ctx -> Json.write(ctx, 200, Json.readObject(ctx)));
        config.routes.get("/boom", ctx -> {
            throw new ApiException(409, "conflict_here", "it clashed");
        });
    }).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    void stop() {
        app.stop();
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersApiExceptionsAsStatusAndCodeAndMessage() throws Exception {
        HttpResponse<String> response = get("/boom", null);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"code\":\"conflict_here\",\"message\":\"it clashed\"}");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void readsTheBearerSchemeInAnyCaseAndVerifiesOncePerRequest() throws Exception {
        verified.clear();

        HttpResponse<String> response = get("/whoami", "bEaReR   good ");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("alice");
        assertThat(verified).containsExactly("good");
    }

    @Test
    void aMissingOrOtherSchemeIsUnauthorizedWithABearerChallenge() throws Exception {
        for (String authorization : new String[] {null, "Basic YWxpY2U6cHc=", "Bearer "}) {
            HttpResponse<String> response = get("/whoami", authorization);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("\"code\":\"unauthorized\"");
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"ramal\"");
        }
    }

    @Test
    void aRefusedCredentialGivesTheVerifiersCodeAndAnInvalidTokenChallenge() throws Exception {
        HttpResponse<String> response = get("/whoami", "Bearer stale");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"token_expired\"").doesNotContain("stale");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer realm=\"ramal\", error=\"invalid_token\"");
    }

    @Test
    void aMissingRoleIsForbidden() throws Exception {
        HttpResponse<String> response = get("/admin-only", "Bearer good");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"forbidden\"");
    }

    @Test
    void tooManyRequestsCarriesRetryAfterInWholeSeconds() throws Exception {
        HttpResponse<String> response = get("/slow-down", null);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("2");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsABadRequest() throws Exception {
        for (String body : new String[] {"[1,2]", "{broken", "\"text\""}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + app.port() + "/echo"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("\"code\":\"invalid_request\"");
        }
    }
}
