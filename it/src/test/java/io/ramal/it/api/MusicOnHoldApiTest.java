package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static io.ramal.it.harness.HeardAudio.awaitHeard;
import static io.ramal.it.harness.HeardAudio.received;
import static io.ramal.it.harness.HeardAudio.window;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.Tone;
import io.ramal.it.harness.ToneReport;
import io.ramal.it.harness.Wav;
import io.ramal.it.server.TestServer;
import io.ramal.server.config.ExtensionConfig;
import io.ramal.server.config.TenantConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A tenant's own music on hold through the REST API, heard by real phones: an uploaded 700 Hz WAV
 * (44.1 kHz stereo, converted on upload) survives a restart and is what the tenant's held callers
 * hear, while another tenant's held callers still hear the built-in music; bad uploads are refused
 * with the reason and change nothing; going back to the default works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MusicOnHoldApiTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Duration MARGIN = Duration.ofMillis(600);
  private static final String PATH = "/api/v1/music-on-hold";
  private TestServer server;

  @BeforeAll
  void start() {
    TenantConfig acme = new TenantConfig("acme", "Acme", List.of("acme.example"),
        List.of(new ExtensionConfig("2001", "Reception", "acme2001secret"),
            new ExtensionConfig("2002", "Sales", "acme2002secret")), List.of(), List.of());
    server = TestServer.startWithTenants(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), List.of(acme));
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  private ApiClient api() {
    return new ApiClient(server.httpPort()); // the HTTP port changes with a restart
  }

  @Test
  void anUploadSurvivesARestartAndIsWhatTheTenantsHeldCallersHearWhileAnotherTenantHearsTheDefault() {
    String admin = api().accessToken("admin", "demo-admin");
    Answer uploaded = api().send("PUT", PATH, admin, stereoToneWav(700, 44_100, Duration.ofSeconds(4)), "audio/wav");
    assertThat(uploaded.status()).as(uploaded.json().toString()).isEqualTo(200);
    assertThat(uploaded.json().path("source").asText()).isEqualTo("tenant");
    assertThat(uploaded.json().path("duration_ms").asLong()).isEqualTo(4000);
    assertThat(uploaded.json().path("uploaded_format").asText()).isEqualTo("PCM 16-bit 44100 Hz stereo");

    server.restart();

    ApiClient api = api();
    String demoAdmin = api.accessToken("admin", "demo-admin");
    ApiClient.Download stored = api.download(PATH, demoAdmin, Map.of());
    assertThat(stored.status()).isEqualTo(200);
    assertThat(stored.header("Ramal-Music-Source")).hasValue("tenant");
    assertThat(stored.header("ETag")).hasValue("\"" + uploaded.json().path("sha256").asText() + "\"");
    Wav asPlayed = Wav.parse(stored.body());
    assertThat(asPlayed.sampleRate()).isEqualTo(8000);
    assertThat(asPlayed.channels()).isEqualTo(1);
    assertThat(Tone.analyze(asPlayed, Duration.ZERO, Duration.ZERO).isToneOf(700, 10)).isTrue();
    assertThat(api.download(PATH, api.accessToken("admin@acme", server.initialAdminPassword("acme")), Map.of())
        .header("Ramal-Music-Source")).as("acme uploaded nothing").hasValue("default");

    ToneReport demoHeard;
    ToneReport acmeHeard;
    try (Baresip holder = phone("1001", "127.0.0.1", "demo1001", 1000).start();
        Baresip held = phone("1002", "127.0.0.1", "demo1002", 600).start();
        Baresip acmeHolder = phone("2001", "acme.example", "acme2001secret", 1000).start();
        Baresip acmeHeld = phone("2002", "acme.example", "acme2002secret", 600).start()) {
      demoHeard = musicHeldCallerHears(api, demoAdmin, holder, held, "127.0.0.1");
      acmeHeard = musicHeldCallerHears(api, api.accessToken("admin@acme", server.initialAdminPassword("acme")),
          acmeHolder, acmeHeld, "acme.example");
    }

    assertThat(demoHeard.isToneOf(700, 15)).as("the demo tenant's held caller hears its upload: " + demoHeard)
        .isTrue();
    assertThat(acmeHeard.rms()).as("acme's held caller hears music: " + acmeHeard).isGreaterThan(0.005);
    assertThat(acmeHeard.isToneOf(700, 40)).as("not the demo tenant's: " + acmeHeard).isFalse();
    assertThat(acmeHeard.isToneOf(1000, 40)).as("nor the holder: " + acmeHeard).isFalse();

    Answer reset = api.call("DELETE", PATH, Optional.of(demoAdmin), null);
    assertThat(reset.status()).isEqualTo(200);
    assertThat(reset.json().path("source").asText()).isEqualTo("default");
    assertThat(api.download(PATH, demoAdmin, Map.of()).header("Ramal-Music-Source")).hasValue("default");
    assertThat(server.ramal().config().dataDir().resolve("music-on-hold/demo.wav")).doesNotExist();
  }

  @Test
  void badUploadsAreRefusedWithTheReasonAndChangeNothing() {
    ApiClient api = api();
    String acmeAdmin = api.accessToken("admin@acme", server.initialAdminPassword("acme"));

    Answer json = api.send("PUT", PATH, acmeAdmin, "{\"music\":\"jazz\"}".getBytes(StandardCharsets.UTF_8),
        "application/json");
    Answer silent = api.send("PUT", PATH, acmeAdmin, wavBytes(new Wav(8000, 1, new short[16_000])), "audio/wav");
    Answer tooShort = api.send("PUT", PATH, acmeAdmin,
        wavBytes(Tone.sine(700, Duration.ofMillis(400))), "audio/wav");
    Answer tooLong = api.send("PUT", PATH, acmeAdmin,
        wavBytes(Tone.sine(700, Duration.ofMinutes(16), 8000, 0.5)), "audio/wav");
    Answer tooLarge = api.send("PUT", PATH, acmeAdmin, new byte[50 * 1024 * 1024 + 1], "audio/wav");
    Answer byAnAgent = api.send("PUT", PATH, api.accessToken("alice", "demo-alice"),
        wavBytes(Tone.sine(700, Duration.ofSeconds(2))), "audio/wav");

    assertThat(refusal(json)).isEqualTo("400 invalid_audio");
    assertThat(json.json().path("message").asText()).isEqualTo("not a WAV file (expected a RIFF/WAVE header)");
    assertThat(refusal(silent)).isEqualTo("400 invalid_audio");
    assertThat(silent.json().path("message").asText()).isEqualTo("the audio is silent");
    assertThat(tooShort.json().path("message").asText()).startsWith("the audio is too short: 0.4 s");
    assertThat(tooLong.json().path("message").asText()).startsWith("the audio is too long: 960.0 s");
    assertThat(refusal(tooLarge)).isEqualTo("413 audio_too_large");
    assertThat(refusal(byAnAgent)).isEqualTo("403 forbidden");
    assertThat(api.download(PATH, acmeAdmin, Map.of()).header("Ramal-Music-Source")).hasValue("default");
    assertThat(server.ramal().music().music("acme")).isEqualTo(io.ramal.media.player.MusicOnHold.defaultMusic());
  }

  // ---- helpers ----

  private Baresip.Builder phone(String user, String domain, String password, double toneHz) {
    return Baresip.builder(user).domain(domain).registrar(server.sipAddress(), password).tone(toneHz);
  }

  /**
   * {@code holder} calls {@code held}; once they talk, the API holds the call on the holder's side
   * for about three seconds: what the held phone heard meanwhile.
   */
  private ToneReport musicHeldCallerHears(ApiClient api, String admin, Baresip holder, Baresip held, String domain) {
    holder.awaitRegistered(WAIT);
    held.awaitRegistered(WAIT);
    String heldUser = user(held);
    assertThat(holder.dial("sip:" + heldUser + "@" + domain).ok()).isTrue();
    held.awaitEvent("CALL_ESTABLISHED", WAIT);
    holder.awaitEvent("CALL_ESTABLISHED", WAIT);
    String callId = callOf(api, admin, user(holder));
    await().atMost(WAIT).until(() -> api.get("/api/v1/calls/" + callId, admin).json().path("state").asText()
        .equals("connected"));
    Duration atHold = awaitHeard(held, Duration.ofMillis(1200));
    Answer hold = api.call("POST", "/api/v1/calls/" + callId + "/hold", Optional.of(admin),
        Map.of("party", user(holder)));
    assertThat(hold.status()).as(hold.json().toString()).isEqualTo(202);
    Duration atEnd = awaitHeard(held, atHold.plusMillis(3000));
    holder.hangup();
    held.awaitEvent("CALL_CLOSED", WAIT);
    return window(received(held), atHold.plus(MARGIN), atEnd);
  }

  private static String user(Baresip phone) {
    return phone.contactUri().substring(4, phone.contactUri().indexOf('@'));
  }

  private static String callOf(ApiClient api, String admin, String caller) {
    return await().atMost(WAIT).until(() -> {
      for (JsonNode call : api.get("/api/v1/calls", admin).json().path("calls")) {
        if (call.path("caller_number").asText().equals(caller)) return Optional.of(call.path("call_id").asText());
      }
      return Optional.<String>empty();
    }, Optional::isPresent).orElseThrow();
  }

  private static String refusal(Answer answer) {
    return answer.status() + " " + answer.code();
  }

  /** A stereo 16-bit WAV of a sine at {@code hz} in both channels. */
  private static byte[] stereoToneWav(double hz, int rate, Duration length) {
    short[] mono = Tone.sine(hz, length, rate, 0.5).samples();
    short[] interleaved = new short[mono.length * 2];
    for (int i = 0; i < mono.length; i++) {
      interleaved[2 * i] = mono[i];
      interleaved[2 * i + 1] = mono[i];
    }
    return wavBytes(new Wav(rate, 2, interleaved));
  }

  private static byte[] wavBytes(Wav wav) {
    return wav.toBytes();
  }
}
