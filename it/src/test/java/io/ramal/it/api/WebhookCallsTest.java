package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.server.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A CRM's webhook receiver (a real HTTP server on 127.0.0.1) subscribed the way the Meetip manual
 * shows: a GET with %VARIABLES% in the URL, fired when a SIPp call rings and when it hangs up.
 */
class WebhookCallsTest {
  private static final Duration RUN = Duration.ofSeconds(30);
  private TestServer server;
  private HttpServer crm;
  private final BlockingQueue<URI> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws IOException {
    server = TestServer.start(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), Duration.ofSeconds(5));
    crm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    crm.createContext("/", exchange -> {
      received.add(exchange.getRequestURI());
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    crm.start();
  }

  @AfterEach
  void stop() {
    if (crm != null) crm.stop(0);
    if (server != null) server.close();
  }

  private URI nextRequest() throws InterruptedException {
    URI uri = received.poll(15, TimeUnit.SECONDS);
    assertThat(uri).as("a webhook request within 15 s").isNotNull();
    return uri;
  }

  @Test
  void aMeetipStyleWebCommandFiresWhenTheCallRingsAndWhenItHangsUp() throws InterruptedException {
    ApiClient api = new ApiClient(server.httpPort());
    String admin = api.accessToken("admin", "demo-admin");
    assertThat(api.call("PUT", "/api/v1/webhooks/allow-list", Optional.of(admin),
        Map.of("entries", List.of("127.0.0.1/32"))).status()).isEqualTo(200);
    String url = "http://127.0.0.1:" + crm.getAddress().getPort()
        + "/CRM/DbFind.aspx?pi=%CALLER_ID%&ramal=%EXTENSION%&estado=%ESTADO%&tiempo=%DURACION%&call={{call_id}}";
    Answer created = api.call("POST", "/api/v1/webhooks", Optional.of(admin), Map.of("url", url, "method", "GET",
        "events", List.of(Map.of("trigger", "ringing", "device", "1002"), Map.of("trigger", "hung_up", "device", "1002"))));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);

    try (Sipp callee = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1002", "demo1002"),
        CalleeBehavior.answer()).start()) {
      callee.awaitRegistered(RUN);
      SippPeers.caller(server.sipAddress(), new SipAccount("1001", "demo1001"), "1002")
          .callDuration(Duration.ofMillis(1500)).run(RUN).requireSuccess();
      callee.awaitExit(RUN).requireSuccess();
    }

    URI ringing = nextRequest();
    URI hungUp = nextRequest();
    assertThat(ringing.getPath()).isEqualTo("/CRM/DbFind.aspx");
    assertThat(ringing.getQuery()).startsWith("pi=1001&ramal=1002&estado=timbre&tiempo=0&call=");
    String callId = ringing.getQuery().substring(ringing.getQuery().indexOf("call=") + 5);
    assertThat(callId).isNotBlank();
    assertThat(hungUp.getQuery()).startsWith("pi=1001&ramal=1002&estado=colgado&tiempo=").endsWith("&call=" + callId);
    long seconds = Long.parseLong(hungUp.getQuery().replaceAll(".*tiempo=(\\d+).*", "$1"));
    assertThat(seconds).as("talk time of a 1.5 s call").isBetween(1L, 3L);
    assertThat(received.poll(1, TimeUnit.SECONDS)).as("nothing else was subscribed").isNull();
  }
}
