package io.ramal.pbx.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.pbx.directory.Directory;
import io.ramal.pbx.directory.Extension;
import io.ramal.pbx.directory.Trunk;
import io.ramal.sip.auth.CredentialGuard;
import io.ramal.sip.auth.DigestVerifier;
import io.ramal.sip.auth.NonceIssuer;
import io.ramal.sip.auth.NoncePolicy;
import io.ramal.sip.message.SipMessage;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transaction.ServerTransaction;
import io.ramal.sip.transaction.TimerSettings;
import io.ramal.sip.transaction.TransactionLayer;
import io.ramal.sip.transaction.TransactionObserver;
import io.ramal.sip.transaction.TransactionUser;
import io.ramal.sip.transport.Outbound;
import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The front door refuses new work with 503 + Retry-After while a shard is behind, and lets the rest through. */
class InboundPipelineOverloadTest {
  private static final Peer PHONE = Peer.of(Transport.UDP, new InetSocketAddress("127.0.0.1", 5062));

  private final List<SipMessage> sent = new CopyOnWriteArrayList<>();
  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private final AtomicLong nanos = new AtomicLong();
  private final Shard shard = new Shard(0);
  private final CountDownLatch release = new CountDownLatch(1);
  private final InboundPipeline pipeline;

  InboundPipelineOverloadTest() {
    Outbound out = (message, to) -> sent.add(message);
    TransactionUser tu = new TransactionUser() {
      @Override
      public void onRequest(ServerTransaction tx) {
        delivered.add(tx.request().method() + " " + tx.request().callId());
      }

      @Override
      public void onAck(SipRequest ack, Peer from) {
        delivered.add("ACK " + ack.callId());
      }

      @Override
      public void onCancel(ServerTransaction invite) {}

      @Override
      public void onStrayResponse(SipResponse response, Peer from) {}
    };
    TransactionLayer layer = new TransactionLayer(out, shard, TimerSettings.RFC3261, tu, TransactionObserver.NONE);
    ShardLoad load = new ShardLoad(new OverloadPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(7)));
    Shards shards = new Shards(List.of(new Shards.Lane(shard, layer, null, load)));
    Clock clock = Clock.systemUTC();
    Authenticator authenticator = new Authenticator(new EmptyDirectory(),
        new DigestVerifier(new NonceIssuer(new byte[32], clock, NoncePolicy.defaults())), new CredentialGuard(clock),
        new PbxEvents() {});
    pipeline = new InboundPipeline(authenticator, out, shards, new PbxEvents() {}, nanos::get);
  }

  @AfterEach
  void stopShard() {
    release.countDown();
    shard.close();
  }

  @Test
  void newCallsBeyondTheQueueLimitGet503WithRetryAfterAndAStableToTag() throws Exception {
    shard.execute(this::awaitRelease);
    for (int i = 1; i <= 5; i++) pipeline.receive(invite("call-" + i, "z9hG4bK-" + i), PHONE);
    pipeline.receive(invite("call-5", "z9hG4bK-5"), PHONE);

    List<SipResponse> refusals = sent.stream().map(SipResponse.class::cast).toList();
    assertThat(refusals).hasSize(3);
    assertThat(refusals).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.headers().first("Retry-After")).contains("7");
      assertThat(r.to().tag()).isPresent();
    });
    assertThat(refusals.stream().map(SipResponse::callId)).containsExactly("call-4", "call-5", "call-5");
    assertThat(refusals.get(1).to().tag()).isEqualTo(refusals.get(2).to().tag());

    release.countDown();
    awaitDelivered(3);
    assertThat(delivered).containsExactly("INVITE call-1", "INVITE call-2", "INVITE call-3");
  }

  @Test
  void inDialogRequestsAndAcksPassEvenWhenOverloaded() throws Exception {
    shard.execute(this::awaitRelease);
    for (int i = 1; i <= 3; i++) pipeline.receive(invite("call-" + i, "z9hG4bK-" + i), PHONE);
    pipeline.receive(invite("call-4", "z9hG4bK-4"), PHONE);
    assertThat(sent).hasSize(1);

    pipeline.receive(inDialog("BYE", "call-1", "z9hG4bK-bye"), PHONE);
    pipeline.receive(inDialog("ACK", "call-2", "z9hG4bK-ack"), PHONE);
    assertThat(sent).hasSize(1);

    release.countDown();
    awaitDelivered(5);
    assertThat(delivered).contains("BYE call-1", "ACK call-2");
  }

  @Test
  void newWorkIsWelcomeAgainOnceAQueueOfOldMessagesHasDrained() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    shard.execute(this::awaitRelease);
    pipeline.receive(invite("old-1", "z9hG4bK-o1"), PHONE);
    pipeline.receive(invite("old-2", "z9hG4bK-o2"), PHONE);
    shard.execute(() -> {
      firstStarted.countDown();
      awaitQuietly(new CountDownLatch(1), 200);
    });
    nanos.set(TimeUnit.MILLISECONDS.toNanos(500));
    release.countDown();
    assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
    // old-1 and old-2 started after waiting 500 ms; nothing waits any more, so new work is welcome again.
    pipeline.receive(invite("fresh", "z9hG4bK-f"), PHONE);
    awaitDelivered(3);
    assertThat(sent).isEmpty();
    assertThat(delivered).containsExactly("INVITE old-1", "INVITE old-2", "INVITE fresh");
  }

  private void awaitRelease() {
    awaitQuietly(release, 10_000);
  }

  private static void awaitQuietly(CountDownLatch latch, long millis) {
    try {
      latch.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitDelivered(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (delivered.size() < count && System.nanoTime() < deadline) Thread.sleep(5);
    assertThat(delivered).hasSizeGreaterThanOrEqualTo(count);
  }

  private static byte[] invite(String callId, String branch) {
    return ("INVITE sip:1002@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;branch=" + branch + "\r\n"
        + "Max-Forwards: 70\r\nFrom: <sip:1001@127.0.0.1>;tag=a\r\nTo: <sip:1002@127.0.0.1>\r\nCall-ID: " + callId
        + "\r\nCSeq: 1 INVITE\r\nContact: <sip:1001@127.0.0.1:5062>\r\nContent-Length: 0\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] inDialog(String method, String callId, String branch) {
    return (method + " sip:1002@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;branch=" + branch + "\r\n"
        + "Max-Forwards: 70\r\nFrom: <sip:1001@127.0.0.1>;tag=a\r\nTo: <sip:1002@127.0.0.1>;tag=b\r\nCall-ID: "
        + callId + "\r\nCSeq: 2 " + method + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static final class EmptyDirectory implements Directory {
    @Override
    public Optional<String> tenantForDomain(String domain) {
      return Optional.empty();
    }

    @Override
    public String realmOf(String tenantId) {
      return "example";
    }

    @Override
    public Optional<Extension> extension(String tenantId, String number) {
      return Optional.empty();
    }

    @Override
    public List<Trunk> trunks() {
      return List.of();
    }

    @Override
    public Optional<io.ramal.pbx.directory.DidTarget> didTarget(String tenantId, String did) {
      return Optional.empty();
    }
  }
}
