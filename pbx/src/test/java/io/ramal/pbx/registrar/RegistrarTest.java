package io.ramal.pbx.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.sip.message.ParseResult;
import io.ramal.sip.message.SipParser;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrarTest {
  private static final AddressOfRecord AOR = new AddressOfRecord("demo", "1001");
  private static final Peer PHONE = Peer.of(Transport.UDP, new InetSocketAddress("127.0.0.1", 5300));
  private final ManualClock clock = new ManualClock();
  private final LocationService location = new LocationService(clock);
  private final Registrar registrar = new Registrar(location, RegistrationPolicy.DEFAULTS, clock);

  private static SipRequest register(String callId, int cseq, String... headers) {
    StringBuilder b = new StringBuilder("REGISTER sip:127.0.0.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5300;branch=z9hG4bK" + callId + cseq + "\r\n"
        + "From: <sip:1001@127.0.0.1>;tag=a\r\nTo: <sip:1001@127.0.0.1>\r\n"
        + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " REGISTER\r\n");
    for (String h : headers) b.append(h).append("\r\n");
    b.append("Content-Length: 0\r\n\r\n");
    return (SipRequest) ((ParseResult.Parsed) SipParser.parse(b.toString().getBytes(StandardCharsets.UTF_8))).message();
  }

  @Test
  void bindsTheContactForTheRequestedTimeAndKeepsTheSource() {
    var outcome = registrar.register(register("c1", 1, "Contact: <sip:1001@10.0.0.5:5300>", "Expires: 600"), AOR, PHONE);
    assertThat(outcome).isInstanceOf(RegisterOutcome.Accepted.class);
    Binding b = location.lookup(AOR).getFirst();
    assertThat(b.contact().host()).isEqualTo("10.0.0.5");
    assertThat(b.source()).isEqualTo(PHONE);
    assertThat(b.remainingSeconds(clock.instant())).isEqualTo(600);
  }

  @Test
  void aPhoneListingTheTalkEventCanBeAnsweredOnRequestAndOneWithoutCannot() {
    registrar.register(register("c1", 1, "Contact: <sip:1001@10.0.0.5>", "Allow-Events: Talk, hold,conference"), AOR,
        PHONE);
    registrar.register(register("c2", 1, "Contact: <sip:1001@10.0.0.6>", "u: presence"), AOR, PHONE);
    assertThat(location.lookup(AOR)).extracting(b -> b.contact().host() + " " + b.answersOnRequest())
        .containsExactlyInAnyOrder("10.0.0.5 true", "10.0.0.6 false");
    assertThat(location.lookup(AOR).stream().filter(b -> b.contact().host().equals("10.0.0.5")).findFirst()
        .orElseThrow().allowEvents()).containsExactlyInAnyOrder("talk", "hold", "conference");
  }

  @Test
  void tooShortIntervalGets423WithMinExpires() {
    var outcome = registrar.register(register("c1", 1, "Contact: <sip:1001@10.0.0.5>", "Expires: 15"), AOR, PHONE);
    assertThat(outcome).isInstanceOfSatisfying(RegisterOutcome.Refused.class, r -> {
      assertThat(r.status()).isEqualTo(423);
      assertThat(r.headers()).containsEntry("Min-Expires", "60");
    });
    assertThat(location.lookup(AOR)).isEmpty();
  }

  @Test
  void tooLongIntervalIsShortenedToTheMaximum() {
    registrar.register(register("c1", 1, "Contact: <sip:1001@10.0.0.5>;expires=999999"), AOR, PHONE);
    assertThat(location.lookup(AOR).getFirst().remainingSeconds(clock.instant())).isEqualTo(3600);
  }

  @Test
  void severalContactsAreKeptAndOneCanBeRemovedWithExpiresZero() {
    registrar.register(register("c1", 1, "Contact: <sip:1001@10.0.0.5>, <sip:1001@10.0.0.6>"), AOR, PHONE);
    assertThat(location.lookup(AOR)).hasSize(2);
    registrar.register(register("c1", 2, "Contact: <sip:1001@10.0.0.5>;expires=0"), AOR, PHONE);
    assertThat(location.lookup(AOR)).extracting(b -> b.contact().host()).containsExactly("10.0.0.6");
  }

  @Test
  void wildcardWithExpiresZeroRemovesEveryBinding() {
    registrar.register(register("c1", 1, "Contact: <sip:1001@10.0.0.5>, <sip:1001@10.0.0.6>"), AOR, PHONE);
    var outcome = registrar.register(register("c1", 2, "Contact: *", "Expires: 0"), AOR, PHONE);
    assertThat(outcome).isInstanceOf(RegisterOutcome.Accepted.class);
    assertThat(location.lookup(AOR)).isEmpty();
  }

  @Test
  void wildcardWithoutExpiresZeroIsABadRequest() {
    var outcome = registrar.register(register("c1", 1, "Contact: *", "Expires: 60"), AOR, PHONE);
    assertThat(outcome).isInstanceOfSatisfying(RegisterOutcome.Refused.class, r -> assertThat(r.status()).isEqualTo(400));
  }

  @Test
  void anOlderCSeqOnTheSameCallIdIsRefused() {
    registrar.register(register("c1", 5, "Contact: <sip:1001@10.0.0.5>"), AOR, PHONE);
    var outcome = registrar.register(register("c1", 4, "Contact: <sip:1001@10.0.0.5>;expires=0"), AOR, PHONE);
    assertThat(outcome).isInstanceOfSatisfying(RegisterOutcome.Refused.class, r -> assertThat(r.status()).isEqualTo(500));
    assertThat(location.lookup(AOR)).hasSize(1);
  }

  @Test
  void bindingsDisappearWhenTheyExpire() {
    registrar.register(register("c1", 1, "Contact: <sip:1001@10.0.0.5>", "Expires: 60"), AOR, PHONE);
    clock.advance(Duration.ofSeconds(59));
    assertThat(location.isRegistered(AOR)).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(location.isRegistered(AOR)).isFalse();
    assertThat(location.purge()).isEqualTo(1);
    assertThat(location.size()).isZero();
  }

  @Test
  void aPhoneCannotRegisterMoreThanTheContactLimit() {
    StringBuilder many = new StringBuilder("Contact: ");
    for (int i = 0; i < 11; i++) many.append(i == 0 ? "" : ", ").append("<sip:1001@10.0.0.").append(i + 1).append('>');
    var outcome = registrar.register(register("c1", 1, many.toString()), AOR, PHONE);
    assertThat(outcome).isInstanceOfSatisfying(RegisterOutcome.Refused.class, r -> assertThat(r.status()).isEqualTo(403));
    assertThat(location.lookup(AOR)).isEmpty();
  }

  @Test
  void listenersHearTheFirstAndLastBinding() {
    var events = new java.util.ArrayList<String>();
    location.listener(new LocationService.Listener() {
      @Override
      public void onRegistered(AddressOfRecord aor, Binding binding, int contacts) {
        events.add("registered " + aor.user() + " " + contacts);
      }

      @Override
      public void onUnregistered(AddressOfRecord aor, boolean expired) {
        events.add("unregistered " + aor.user() + (expired ? " expired" : " removed"));
      }
    });
    registrar.register(register("c1", 1, "Contact: <sip:1001@10.0.0.5>", "Expires: 60"), AOR, PHONE);
    registrar.register(register("c1", 2, "Contact: <sip:1001@10.0.0.6>", "Expires: 60"), AOR, PHONE);
    clock.advance(Duration.ofSeconds(61));
    location.purge();
    assertThat(events).containsExactly("registered 1001 1", "unregistered 1001 expired");
    registrar.register(register("c1", 3, "Contact: <sip:1001@10.0.0.5>", "Expires: 60"), AOR, PHONE);
    registrar.register(register("c1", 4, "Contact: *", "Expires: 0"), AOR, PHONE);
    assertThat(events).endsWith("registered 1001 1", "unregistered 1001 removed");
  }
}
