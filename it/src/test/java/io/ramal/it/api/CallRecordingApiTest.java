package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.ApiClient.Download;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.Mp3Frames;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.harness.SippScenario;
import io.ramal.it.harness.Wav;
import io.ramal.it.server.TestServer;
import io.ramal.media.audio.SignalLevel;
import io.ramal.media.audio.ToneDetector;
import io.ramal.server.config.Config;
import io.ramal.server.config.ExtensionConfig;
import io.ramal.server.config.RecordPolicy;
import io.ramal.server.config.RecordingConfig;
import io.ramal.server.config.TenantConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Recording real calls through the REST API: baresip phones sending tones, the recording started,
 * paused, resumed, stopped and started again over HTTP, then the files checked as a user would —
 * both voices in the WAV, silence where the pause was, an MP3 of the same length, the index row's
 * duration, size and checksum, byte ranges — and who may see them. Policies record (or refuse to
 * record) without the API. Demo extension 1007 is set to {@code record: always}, 1008 to
 * {@code never}; tenant "acme" stands beside "demo".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallRecordingApiTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final double ALICE_HZ = 1000;
  private static final double DAVE_HZ = 600;
  private TestServer server;
  private ApiClient api;
  private String admin;

  @BeforeAll
  void start() {
    TenantConfig acme = new TenantConfig("acme", "Acme", List.of("acme.example"),
        List.of(new ExtensionConfig("2001", "Reception", "acme2001secret")), List.of(), List.of());
    server = TestServer.startWithTenants(demo -> demo.withExtensions(demo.extensions().stream()
            .map(e -> switch (e.number()) {
              case "1007" -> e.withRecord(RecordPolicy.ALWAYS);
              case "1008" -> e.withRecord(RecordPolicy.NEVER);
              default -> e;
            }).toList()),
        List.of(acme), Config.demo().media().withPorts(32000, 32199).withRecording(new RecordingConfig(true, 32)));
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void aCallRecordedThroughTheApiHoldsBothVoicesAndSilenceWhereThePauseWasAndIsDownloadableAsWavAndMp3()
      throws Exception {
    String alice = api.accessToken("alice", "demo-alice"); // agent of 1001, a party of the call
    String bob = api.accessToken("bob", "demo-bob");       // agent of 1002, not a party
    String callId;
    long pausedAt;
    long resumedAt;
    long stoppedAt;
    try (EventStreamClient events = subscribe("call.established", "recording.*");
        Baresip alicePhone = phone("1001", ALICE_HZ).start(); Baresip davePhone = phone("1004", DAVE_HZ).start()) {
      alicePhone.awaitRegistered(WAIT);
      davePhone.awaitRegistered(WAIT);
      assertThat(alicePhone.dial("sip:1004@127.0.0.1").ok()).isTrue();
      callId = events.next(type("call.established"), WAIT).path("call_id").asText();
      alicePhone.awaitEvent("CALL_ESTABLISHED", WAIT);
      Thread.sleep(300); // both phones' audio is flowing

      assertThat(control(bob, callId, "start").code()).as("not bob's call").isEqualTo("call_not_found");
      assertThat(control(alice, callId, "pause").code()).as("nothing to pause").isEqualTo("invalid_state");
      Answer started = control(alice, callId, "start");
      long t0 = System.nanoTime();
      assertThat(started.status()).isEqualTo(202);
      assertThat(started.json().path("recording_id").asText()).isEqualTo(callId + "-1");
      assertThat(started.json().path("status").asText()).isEqualTo("recording");
      Thread.sleep(1300);
      pausedAt = millisSince(t0);
      assertThat(control(alice, callId, "pause").json().path("status").asText()).isEqualTo("paused");
      Thread.sleep(1000);
      resumedAt = millisSince(t0);
      assertThat(control(alice, callId, "resume").status()).isEqualTo(202);
      Thread.sleep(1300);
      stoppedAt = millisSince(t0);
      Answer stopped = control(alice, callId, "stop");
      assertThat(stopped.json().path("recording_id").asText()).isEqualTo(callId + "-1");
      assertThat(stopped.json().path("status").asText()).isEqualTo("stopped");
      assertThat(control(admin, callId, "start").json().path("recording_id").asText()).isEqualTo(callId + "-2");
      Thread.sleep(600);
      alicePhone.hangup();
      davePhone.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(Stream.generate(() -> events.next(type("recording.*"), WAIT)).limit(6)
          .map(e -> e.path("type").asText() + " " + e.path("data").path("recording_id").asText()))
          .containsExactly("recording.started " + callId + "-1", "recording.paused " + callId + "-1",
              "recording.resumed " + callId + "-1", "recording.stopped " + callId + "-1",
              "recording.started " + callId + "-2", "recording.stopped " + callId + "-2");
    }

    JsonNode first = awaitReady(callId + "-1");
    assertThat(first.path("call_id").asText()).isEqualTo(callId);
    assertThat(first.path("caller_extension").asText()).isEqualTo("1001");
    assertThat(first.path("callee_extension").asText()).isEqualTo("1004");
    assertThat(first.path("stop_reason").asText()).isEqualTo("api");
    assertThat(first.path("duration_ms").asDouble()).isCloseTo(stoppedAt, within(300.0));
    assertThat(first.path("paused_ms").asDouble()).isCloseTo(resumedAt - pausedAt, within(200.0));
    assertThat(awaitReady(callId + "-2").path("stop_reason").asText()).isEqualTo("call ended");

    // the WAV: both voices, silence while paused, exactly the bytes the index describes
    String audio = "/api/v1/recordings/" + callId + "-1/audio";
    Download wav = api.download(audio, alice, Map.of());
    assertThat(wav.status()).isEqualTo(200);
    assertThat(wav.header("Content-Type")).hasValue("audio/wav");
    assertThat(wav.body().length).isEqualTo(first.path("files").path("wav").path("size").asInt());
    assertThat(sha256(wav.body())).isEqualTo(first.path("files").path("wav").path("sha256").asText());
    assertThat(wav.header("ETag")).hasValue("\"" + sha256(wav.body()) + "\"");
    Wav mix = Wav.parse(wav.body());
    assertThat(mix.sampleRate()).isEqualTo(8000);
    assertThat(mix.channels()).isEqualTo(1);
    assertThat(mix.duration().toMillis()).isEqualTo(first.path("duration_ms").asLong());
    short[] samples = mix.samples();
    assertThat(present(ALICE_HZ, samples, 250, pausedAt - 250)).as("alice before the pause").isTrue();
    assertThat(present(DAVE_HZ, samples, 250, pausedAt - 250)).as("dave before the pause").isTrue();
    assertThat(SignalLevel.isSilent(window(samples, pausedAt + 250, resumedAt - 250))).as("while paused").isTrue();
    assertThat(present(ALICE_HZ, samples, resumedAt + 300, stoppedAt - 250)).as("alice after resuming").isTrue();
    assertThat(present(DAVE_HZ, samples, resumedAt + 300, stoppedAt - 250)).as("dave after resuming").isTrue();
    Wav stereo = Wav.parse(api.download(audio + "?format=stereo", alice, Map.of()).body());
    assertThat(stereo.channels()).isEqualTo(2);
    short[] left = everyOther(stereo.samples(), 0);
    assertThat(present(ALICE_HZ, left, 250, pausedAt - 250)).as("the caller on the left").isTrue();
    assertThat(present(DAVE_HZ, left, 250, pausedAt - 250)).as("not the callee on the left").isFalse();

    // byte ranges and revalidation
    int size = wav.body().length;
    Download part = api.download(audio, alice, Map.of("Range", "bytes=100-199"));
    assertThat(part.status()).isEqualTo(206);
    assertThat(part.header("Content-Range")).hasValue("bytes 100-199/" + size);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(wav.body(), 100, 200));
    Download tail = api.download(audio, alice, Map.of("Range", "bytes=-64"));
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(wav.body(), size - 64, size));
    Download beyond = api.download(audio, alice, Map.of("Range", "bytes=" + size + "-"));
    assertThat(beyond.status()).isEqualTo(416);
    assertThat(beyond.header("Content-Range")).hasValue("bytes */" + size);
    assertThat(beyond.json().path("code").asText()).isEqualTo("range_not_satisfiable");
    assertThat(api.download(audio, alice, Map.of("If-None-Match", wav.header("ETag").orElseThrow())).status())
        .isEqualTo(304);

    // the MP3: valid frames all the way, as long as the WAV
    Download mp3 = api.download(audio, alice, Map.of("Accept", "audio/mpeg"));
    assertThat(mp3.status()).isEqualTo(200);
    assertThat(mp3.header("Content-Type")).hasValue("audio/mpeg");
    assertThat(sha256(mp3.body())).isEqualTo(first.path("files").path("mp3").path("sha256").asText());
    Mp3Frames frames = Mp3Frames.of(mp3.body());
    assertThat(frames.sampleRate()).isEqualTo(8000);
    assertThat(frames.kbps()).isEqualTo(32);
    assertThat(frames.durationMillis()).isCloseTo(mix.duration().toMillis(), within(100.0));

    // files where the docs say, one per recording of the call
    try (Stream<Path> files = Files.walk(server.recordingsDir().resolve("demo"))) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted())
          .containsExactly(callId + "-1-stereo.wav", callId + "-1.mp3", callId + "-1.wav",
              callId + "-2-stereo.wav", callId + "-2.mp3", callId + "-2.wav");
    }

    // listing, the call's latest recording, and who may see them
    JsonNode listed = api.get("/api/v1/recordings?call_id=" + callId, admin).json().path("recordings");
    assertThat(listed).extracting(r -> r.path("id").asText()).containsExactly(callId + "-2", callId + "-1");
    assertThat(api.get("/api/v1/recordings?call_id=" + callId, alice).json().path("recordings")).hasSize(2);
    Download latest = api.download("/api/v1/calls/" + callId + "/recording", admin, Map.of());
    assertThat(sha256(latest.body())).isEqualTo(listed.get(0).path("files").path("wav").path("sha256").asText());
    assertThat(api.get("/api/v1/recordings?call_id=" + callId, bob).json().path("recordings")).isEmpty();
    assertThat(api.get("/api/v1/recordings/" + callId + "-1", bob).code()).isEqualTo("recording_not_found");
    assertThat(api.download(audio, bob, Map.of()).status()).isEqualTo(404);
  }

  @Test
  void anotherTenantSeesNoneOfARecordingAndCannotControlTheCall() throws Exception {
    String acme = api.accessToken("admin@acme", server.initialAdminPassword("acme"));
    try (EventStreamClient events = subscribe("call.established", "recording.*");
        Sipp callee = registeredCallee("1006")) {
      Sipp caller = silentCaller("1007", "1006"); // 1007 records always
      String callId = events.next(type("call.established"), WAIT).path("call_id").asText();
      events.next(type("recording.started"), WAIT);

      assertThat(control(acme, callId, "stop").code()).isEqualTo("call_not_found");
      assertThat(api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(admin), null).status()).isEqualTo(202);
      caller.awaitExit(WAIT).requireSuccess();
      callee.awaitExit(WAIT).requireSuccess();
      String id = callId + "-1";
      awaitReady(id);

      assertThat(api.get("/api/v1/recordings/" + id, acme).status()).isEqualTo(404);
      assertThat(api.get("/api/v1/recordings/" + id, acme).code()).isEqualTo("recording_not_found");
      assertThat(api.download("/api/v1/recordings/" + id + "/audio", acme, Map.of()).status()).isEqualTo(404);
      assertThat(api.download("/api/v1/calls/" + callId + "/recording", acme, Map.of()).status()).isEqualTo(404);
      assertThat(api.get("/api/v1/recordings", acme).json().path("recordings")).isEmpty();
      assertThat(api.get("/api/v1/recordings/" + id, admin).status()).isEqualTo(200);
    }
  }

  @Test
  void aPolicyOfAlwaysRecordsFromTheAnswerWithoutTheApi() throws Exception {
    try (EventStreamClient events = subscribe("call.established", "recording.*", "connection.cleared");
        Sipp callee = registeredCallee("1009")) {
      Sipp caller = silentCaller("1007", "1009");
      String callId = events.next(type("call.established"), WAIT).path("call_id").asText();
      JsonNode started = events.next(type("recording.started"), WAIT);
      assertThat(started.path("data").path("recording_id").asText()).isEqualTo(callId + "-1");
      assertThat(started.path("call").path("recording").asText()).isEqualTo("active");
      Thread.sleep(500);
      assertThat(api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(admin), null).status()).isEqualTo(202);
      assertThat(events.next(e -> !e.path("type").asText().equals("call.established"), WAIT).path("type").asText())
          .as("the recording stops before the call is cleared").isEqualTo("recording.stopped");
      caller.awaitExit(WAIT).requireSuccess();
      callee.awaitExit(WAIT).requireSuccess();

      JsonNode ready = awaitReady(callId + "-1");
      assertThat(ready.path("stop_reason").asText()).isEqualTo("call ended");
      assertThat(ready.path("duration_ms").asLong()).isGreaterThanOrEqualTo(400);
    }
  }

  @Test
  void aNeverPartyBeatsAlwaysAndTheApiRefusesToRecordWithTheReason() throws Exception {
    try (EventStreamClient events = subscribe("call.established", "recording.*");
        Sipp callee = registeredCallee("1008")) {
      Sipp caller = silentCaller("1007", "1008"); // always calls never
      String callId = events.next(type("call.established"), WAIT).path("call_id").asText();

      Answer refused = control(admin, callId, "start");
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.code()).isEqualTo("invalid_state");
      assertThat(refused.json().path("message").asText()).contains("extension 1008 is set to never");
      assertThat(api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(admin), null).status()).isEqualTo(202);
      caller.awaitExit(WAIT).requireSuccess();
      callee.awaitExit(WAIT).requireSuccess();

      assertThat(events.drain()).noneMatch(e -> e.path("type").asText().startsWith("recording."));
      assertThat(api.get("/api/v1/recordings?call_id=" + callId, admin).json().path("recordings")).isEmpty();
      Download none = api.download("/api/v1/calls/" + callId + "/recording", admin, Map.of());
      assertThat(none.status()).isEqualTo(404);
      assertThat(none.json().path("code").asText()).isEqualTo("recording_not_found");
    }
  }

  private Answer control(String token, String callId, String verb) {
    return api.call("POST", "/api/v1/calls/" + callId + "/recording/" + verb, Optional.of(token), null);
  }

  /** Polls the recording until it is ready (WAV and MP3 measured). */
  private JsonNode awaitReady(String id) {
    return await().atMost(WAIT).until(() -> api.get("/api/v1/recordings/" + id, admin).json(),
        r -> r.path("status").asText().equals("ready"));
  }

  private EventStreamClient subscribe(String... types) {
    EventStreamClient events = EventStreamClient.connect(server.httpPort(), admin);
    events.next("authenticated", WAIT);
    events.send("{\"op\":\"subscribe\",\"filters\":{\"types\":[\"" + String.join("\",\"", types) + "\"]}}");
    events.next("snapshot", WAIT);
    return events;
  }

  private static Predicate<JsonNode> type(String type) {
    return e -> e.path("op").asText().equals("event") && (type.endsWith(".*")
        ? e.path("type").asText().startsWith(type.substring(0, type.length() - 1))
        : e.path("type").asText().equals(type));
  }

  private Baresip.Builder phone(String user, double hz) {
    return Baresip.builder(user).registrar(server.sipAddress(), "demo" + user).tone(hz);
  }

  private Sipp registeredCallee(String user) {
    Sipp callee = SippPeers.registeredCallee(server.sipAddress(), new SipAccount(user, "demo" + user),
        CalleeBehavior.answer()).start();
    callee.awaitRegistered(WAIT);
    return callee;
  }

  /** Calls {@code callee} as {@code caller}, sends no audio and waits for Ramal's BYE. */
  private Sipp silentCaller(String caller, String callee) {
    return Sipp.builder(SippScenario.resource("uac-silent-expect-bye.xml")).remote(server.sipAddress())
        .accounts(new SipAccount(caller, "demo" + caller)).service(callee).start();
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static short[] window(short[] samples, long fromMillis, long toMillis) {
    int from = (int) (fromMillis * 8);
    int to = (int) Math.min(samples.length, toMillis * 8);
    assertThat(to).as("window [%d, %d) ms", fromMillis, toMillis).isGreaterThan(from + 800);
    return Arrays.copyOfRange(samples, from, to);
  }

  private static boolean present(double hz, short[] samples, long fromMillis, long toMillis) {
    return new ToneDetector(hz).present(window(samples, fromMillis, toMillis));
  }

  private static short[] everyOther(short[] interleaved, int channel) {
    short[] out = new short[interleaved.length / 2];
    for (int i = 0; i < out.length; i++) out[i] = interleaved[2 * i + channel];
    return out;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
