package io.ramal.it.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ramal.it.harness.FreePorts;
import io.ramal.it.server.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * All 4,527 PROTOS c07-sip cases against the running server: after each one the valid case
 * (0000000) must still be answered; afterwards no transaction or call may be left over.
 * Cases too large for a datagram go over TCP, where the framer must refuse them.
 */
class ProtosTest {
  private static final int MAX_DATAGRAM = 65_507;

  @Test
  void serverAnswersTheValidCaseAfterEveryProtosCaseAndLeaksNothing() throws Exception {
    List<ProtosCorpus.Case> cases = ProtosCorpus.all();
    assertThat(cases).hasSize(4527);
    ProtosCorpus.Case valid = cases.get(0);
    List<String> unanswered = new ArrayList<>();
    try (TestServer server = TestServer.start(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), Duration.ofSeconds(30));
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      InetSocketAddress target = server.sipAddress();
      int localPort = socket.getLocalPort();
      String to = "1002@127.0.0.1:" + target.getPort();
      String from = "protos@127.0.0.1:" + localPort;
      long id = 0;
      socket.setSoTimeout(200);
      for (ProtosCorpus.Case c : cases) {
        byte[] invite = ProtosCorpus.fill(c.invite(), to, from, "127.0.0.1", localPort, ++id, "CANCEL");
        if (invite.length > MAX_DATAGRAM) sendOverTcp(target, invite);
        else socket.send(new DatagramPacket(invite, invite.length, target));
        for (String method : new String[] {"CANCEL", "ACK"}) {
          byte[] t = ProtosCorpus.fill(c.teardown(), to, from, "127.0.0.1", localPort, id, method);
          if (t.length > MAX_DATAGRAM) sendOverTcp(target, t);
          else socket.send(new DatagramPacket(t, t.length, target));
        }
        long validId = ++id;
        byte[] probe = ProtosCorpus.fill(valid.invite(), to, from, "127.0.0.1", localPort, validId, "CANCEL");
        if (!answered(socket, target, probe, "protos-" + validId)) unanswered.add(c.name());
        byte[] ack = ProtosCorpus.fill(valid.teardown(), to, from, "127.0.0.1", localPort, validId, "ACK");
        socket.send(new DatagramPacket(ack, ack.length, target));
      }
      assertThat(unanswered).as("cases after which the valid INVITE got no answer").isEmpty();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> {
            assertThat(server.ramal().pbx().transactions()).isZero();
            assertThat(server.ramal().pbx().activeCalls()).isZero();
          });
    }
  }

  /** Sends the probe (retransmitting like a UAC would) until a response with its Call-ID arrives. */
  private static boolean answered(DatagramSocket socket, InetSocketAddress target, byte[] probe, String callId)
      throws IOException {
    byte[] buf = new byte[65_535];
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    socket.send(new DatagramPacket(probe, probe.length, target));
    long resendAt = System.nanoTime() + Duration.ofMillis(500).toNanos();
    while (System.nanoTime() < deadline) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (SocketTimeoutException e) {
        if (System.nanoTime() > resendAt) {
          socket.send(new DatagramPacket(probe, probe.length, target));
          resendAt = System.nanoTime() + Duration.ofMillis(500).toNanos();
        }
        continue;
      }
      String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
      if (text.startsWith("SIP/2.0 ") && text.contains(callId)) return true;
    }
    return false;
  }

  private static void sendOverTcp(InetSocketAddress target, byte[] data) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), target.getPort())) {
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      try {
        out.write(data);
        out.flush();
        // The server refuses an oversized frame by closing the connection.
        s.getInputStream().read();
      } catch (IOException expected) {
        // connection reset or timed out: either way the server did not take it
      }
    }
  }
}
