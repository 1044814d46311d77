package io.ramal.it.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.server.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sipvicious svcrack guesses extension 1001's password from 127.0.0.1 (it ignores its bind
 * option and always sends from there) while the real 1001 and 1002 keep registering and calling
 * from 127.0.0.3, another loopback source: the guesser is blocked after a handful of failures
 * and finds nothing; the phones never notice.
 */
class CredentialGuessingTest {
  private static final Duration RUN = Duration.ofSeconds(30);
  private static final String PHONES = "127.0.0.3";

  @Test
  void svcrackIsBlockedWhileRegisteredPhonesKeepWorking(@TempDir Path work) throws Exception {
    try (TestServer server = TestServer.start(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), Duration.ofSeconds(30))) {
      SipAccount alice = new SipAccount("1001", "demo1001");
      SipAccount bob = new SipAccount("1002", "demo1002");
      SippPeers.registration(server.sipAddress(), alice).localIp(PHONES).run(RUN).requireSuccess();

      Process svcrack = new ProcessBuilder("svcrack", "-u", "1001", "-r", "1-3000", "-x", "127.0.0.1",
          "-p", Integer.toString(server.sipAddress().getPort()), "--maximumtime", "8", "127.0.0.1")
          .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("svcrack.log").toFile()).start();
      try {
        // While the guessing runs, the real phones register and call as usual.
        for (int i = 0; i < 3; i++) {
          SippPeers.registration(server.sipAddress(), alice).localIp(PHONES).run(RUN).requireSuccess();
          try (Sipp callee = SippPeers.registeredCallee(server.sipAddress(), bob, CalleeBehavior.answer()).localIp(PHONES).start()) {
            callee.awaitRegistered(RUN);
            SippPeers.caller(server.sipAddress(), alice, "1002").localIp(PHONES).callDuration(Duration.ofMillis(200)).run(RUN).requireSuccess();
            callee.awaitExit(RUN).requireSuccess();
          }
        }
        assertThat(svcrack.waitFor(60, TimeUnit.SECONDS)).as("svcrack finished").isTrue();
      } finally {
        svcrack.destroyForcibly();
      }

      String log = Files.readString(work.resolve("svcrack.log"), StandardCharsets.UTF_8);
      assertThat(log).as(log).doesNotContain("demo1001").doesNotContainIgnoringCase("| 1001 | ");
      String metrics = metrics(server.httpPort());
      double failures = value(metrics, "ramal_sip_auth_failures_total");
      double blocked = value(metrics, "ramal_sip_rejected_total\\{status=\"blocked\"\\}");
      // 10 failures are tolerated in a minute; the 11th blocks the source, then it is silence.
      assertThat(failures).as(metrics).isBetween(1.0, 12.0);
      assertThat(blocked).as("requests dropped from the blocked source").isGreaterThan(0);
    }
  }

  private static String metrics(int port) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static double value(String metrics, String name) {
    Matcher m = Pattern.compile("^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(metrics);
    double sum = 0;
    List<String> seen = new java.util.ArrayList<>();
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
      seen.add(m.group());
    }
    return seen.isEmpty() ? 0 : sum;
  }
}
