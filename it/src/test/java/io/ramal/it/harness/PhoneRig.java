package io.ramal.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ramal.server.config.ExtensionConfig;
import io.ramal.server.config.TenantConfig;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.server.TestServer;
import io.ramal.pbx.media.AnchoredMediaPlane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * A running test server, its demo admin signed in to the API, and baresip phones of the demo
 * tenant: what the call-control tests (transfer, conference, park, supervision…) share. It
 * remembers how many RTP port pairs were free at the start, so a test can check that every call
 * gave its ports back.
 */
public final class PhoneRig implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private final TestServer server;
  private final ApiClient api;
  private final String admin;
  private final int portPairs;

  public PhoneRig(TestServer server) {
    this.server = server;
    this.api = new ApiClient(server.httpPort());
    this.admin = api.accessToken("admin", "demo-admin");
    this.portPairs = media().availablePortPairs();
  }

  /** The demo tenant with extensions {@code first}…{@code last} added (password {@code demo<number>}). */
  public static UnaryOperator<TenantConfig> withExtensions(int first, int last) {
    return demo -> {
      List<ExtensionConfig> more = new ArrayList<>(demo.extensions());
      IntStream.rangeClosed(first, last).forEach(n -> more.add(new ExtensionConfig(Integer.toString(n), "Ext " + n,
          "demo" + n)));
      return demo.withExtensions(more);
    };
  }

  public TestServer server() {
    return server;
  }

  public ApiClient api() {
    return api;
  }

  /** The demo admin's access token. */
  public String admin() {
    return admin;
  }

  public AnchoredMediaPlane media() {
    return (AnchoredMediaPlane) server.ramal().media();
  }

  /** A phone of the demo tenant sending a sine of {@code toneHz}. */
  public Baresip.Builder phone(String user, double toneHz) {
    return Baresip.builder(user).registrar(server.sipAddress(), "demo" + user).tone(toneHz);
  }

  /** An event socket of the admin subscribed to {@code types}, past its snapshot. */
  public EventStreamClient subscribed(String... types) {
    return LiveCalls.subscribed(server.httpPort(), admin, types);
  }

  /** {@code caller} calls {@code callee} until both talk; the call's id. */
  public String connect(Baresip caller, Baresip callee) {
    return LiveCalls.connect(api, admin, caller, callee);
  }

  /** {@code POST /api/v1/calls/{callId}/{command}} as the admin. */
  public Answer command(String callId, String command, Map<String, Object> body) {
    return api.call("POST", "/api/v1/calls/" + callId + "/" + command, Optional.of(admin), body);
  }

  /** "status code", e.g. {@code 409 invalid_state}. */
  public static String refusal(Answer answer) {
    return answer.status() + " " + answer.code();
  }

  /** Waits until every RTP port pair taken since the start is free again. */
  public void awaitEveryRtpPortBack() {
    await().atMost(WAIT).untilAsserted(() -> assertThat(media().availablePortPairs()).isEqualTo(portPairs));
  }

  @Override
  public void close() {
    server.close();
  }
}
