package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.server.TestServer;
import io.ramal.server.config.Config;
import io.ramal.server.config.RecordPolicy;
import io.ramal.server.config.RecordingConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Call logging into a CRM: a templated, signed form POST (a webhook on {@code cdr.created}) that
 * a real HTTP receiver on 127.0.0.1 gets when a SIPp call ends, with the CDR's values and a signed
 * link that downloads the call's WAV without a bearer token — and only that, and only until it
 * expires. Demo extension 1007 records every call.
 */
class CallLoggingTest {
  private static final Duration RUN = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private TestServer server;
  private ApiClient api;
  private String admin;
  private HttpServer crm;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final HttpClient anonymous = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

  private record Received(String body, String signature, String type) {}

  @BeforeEach
  void start() throws IOException {
    server = TestServer.startWithTenants(demo -> demo.withExtensions(demo.extensions().stream()
        .map(e -> e.number().equals("1007") ? e.withRecord(RecordPolicy.ALWAYS) : e).toList()),
        List.of(), Config.demo().media().withPorts(32400, 32599).withRecording(new RecordingConfig(false, 32)));
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
    crm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    crm.createContext("/", exchange -> {
      received.add(new Received(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
          exchange.getRequestHeaders().getFirst("Ramal-Signature"),
          exchange.getRequestHeaders().getFirst("Content-Type")));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    crm.start();
  }

  @AfterEach
  void stop() {
    if (crm != null) crm.stop(0);
    if (server != null) server.close();
    anonymous.close();
  }

  @Test
  void aCallThatEndsIsLoggedWithItsCdrAndALinkThatDownloadsItsWavWithoutAToken() throws Exception {
    assertThat(api.call("PUT", "/api/v1/webhooks/allow-list", Optional.of(admin),
        Map.of("entries", List.of("127.0.0.1/32"))).status()).isEqualTo(200);
    Answer hook = api.call("POST", "/api/v1/webhooks", Optional.of(admin), Map.of(
        "description", "CRM call log",
        "events", List.of(Map.of("type", "cdr.created")),
        "url", "http://127.0.0.1:" + crm.getAddress().getPort() + "/calls/log",
        "body_format", "form",
        "body", "call={{call_id}}&from={{caller_number}}&to={{callee_number}}&direction={{direction}}"
            + "&disposition={{disposition}}&secs=%DURACION%&billable={{billable_seconds}}&started={{started_at}}"
            + "&ended={{ended_at}}&cdr={{cdr.id}}&recording={{recording_url}}"));
    assertThat(hook.status()).as(hook.json().toString()).isEqualTo(201);
    String secret = hook.json().path("secret").asText();

    try (Sipp callee = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1009", "demo1009"),
        CalleeBehavior.answer()).start()) {
      callee.awaitRegistered(RUN);
      SippPeers.caller(server.sipAddress(), new SipAccount("1007", "demo1007"), "1009")
          .callDuration(Duration.ofMillis(2_000)).run(RUN).requireSuccess();
      callee.awaitExit(RUN).requireSuccess();
    }

    Received logged = received.poll(20, TimeUnit.SECONDS);
    assertThat(logged).as("the call log request").isNotNull();
    assertThat(logged.type()).startsWith("application/x-www-form-urlencoded");
    long t = Long.parseLong(logged.signature().replaceAll("t=(\\d+),.*", "$1"));
    assertThat(logged.signature()).endsWith("v1=" + hmac(secret, t + "." + logged.body()));
    Map<String, String> form = form(logged.body());

    JsonNode cdr = api.get("/api/v1/cdrs/" + form.get("cdr"), admin).json();
    assertThat(form.get("call")).isEqualTo(cdr.path("id").asText());
    assertThat(form.get("from")).isEqualTo("1007").isEqualTo(cdr.path("caller").asText());
    assertThat(form.get("to")).isEqualTo("1009").isEqualTo(cdr.path("callee").asText());
    assertThat(form.get("direction")).isEqualTo("internal");
    assertThat(form.get("disposition")).isEqualTo("answered").isEqualTo(cdr.path("disposition").asText());
    assertThat(form.get("billable")).isEqualTo(cdr.path("billable_seconds").asText());
    assertThat(Long.parseLong(form.get("secs"))).isBetween(1L, 3L);
    assertThat(form.get("started")).isEqualTo(cdr.path("started_at").asText());
    assertThat(form.get("ended")).isEqualTo(cdr.path("ended_at").asText());
    String recordingId = form.get("call") + "-1";
    String link = form.get("recording");
    assertThat(link).startsWith("http://127.0.0.1:" + server.httpPort() + "/api/v1/recordings/" + recordingId
        + "/audio?format=wav&tenant=demo&expires=");

    JsonNode recording = api.get("/api/v1/recordings/" + recordingId, admin).json();
    HttpResponse<byte[]> wav = get(link);
    assertThat(wav.statusCode()).isEqualTo(200);
    assertThat(wav.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("audio/wav"));
    assertThat(new String(wav.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wav.body())))
        .isEqualTo(recording.path("files").path("wav").path("sha256").asText());

    String signature = link.substring(link.indexOf("signature=") + 10);
    String changed = link.substring(0, link.length() - 1) + (signature.endsWith("0") ? "1" : "0");
    assertRefused(get(changed), "link_invalid");
    assertRefused(get(link.replace("/recordings/" + recordingId + "/", "/recordings/" + form.get("call") + "-2/")),
        "link_invalid");
    assertRefused(get(link.replace("format=wav", "format=mp3")), "link_invalid");
    assertThat(get(link.replaceAll("&signature=.*", "")).statusCode()).as("no signature, no token").isEqualTo(401);

    Answer shortLived = api.call("POST", "/api/v1/recordings/" + recordingId + "/link", Optional.of(admin),
        Map.of("expires_in_seconds", 1));
    assertThat(shortLived.status()).isEqualTo(200);
    String expiring = shortLived.json().path("url").asText();
    assertThat(get(expiring).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
        .until(() -> get(expiring).statusCode() == 403);
    assertRefused(get(expiring), "link_expired");

    assertThat(received.poll(1, TimeUnit.SECONDS)).as("one call, one log").isNull();
  }

  private static void assertRefused(HttpResponse<byte[]> answer, String code) throws IOException {
    assertThat(answer.statusCode()).isEqualTo(403);
    JsonNode json = JSON.readTree(answer.body());
    assertThat(json.path("code").asText()).isEqualTo(code);
    assertThat(json.path("message").asText()).isNotBlank();
  }

  private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
    return anonymous.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      String[] parts = pair.split("=", 2);
      fields.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
    }
    return fields;
  }

  private static String hmac(String secret, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }
}
