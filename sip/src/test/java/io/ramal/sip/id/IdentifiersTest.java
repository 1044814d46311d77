package io.ramal.sip.id;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.sip.message.Address;
import io.ramal.sip.message.Via;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
  private final Identifiers ids = Identifiers.create();

  @Test
  void branchCarriesTheMagicCookieAndParsesInAVia() {
    String branch = ids.branch();

    assertThat(branch).startsWith("z9hG4bK").hasSize(7 + 16);
    Via via = Via.parse("SIP/2.0/UDP 127.0.0.1:5060;branch=" + branch);
    assertThat(via.isRfc3261Branch()).isTrue();
    assertThat(via.branch()).contains(branch);
  }

  @Test
  void tagsAndCallIdsAreUrlSafeTokens() {
    assertThat(ids.tag()).matches("[a-z2-7]{16}");
    assertThat(ids.callId()).matches("[a-z2-7]{32}");
    assertThat(ids.callId("127.0.0.1")).matches("[a-z2-7]{32}@127\\.0\\.0\\.1");
    assertThat(Address.parse("<sip:a@127.0.0.1>;tag=" + ids.tag()).tag()).isPresent();
  }

  @Test
  void sameSeedGivesSameIdentifiers() {
    Identifiers a = new Identifiers(new SplittableRandom(42));
    Identifiers b = new Identifiers(new SplittableRandom(42));

    assertThat(a.branch()).isEqualTo(b.branch());
    assertThat(a.tag()).isEqualTo(b.tag());
    assertThat(a.callId()).isEqualTo(b.callId());
  }

  @Test
  void identifiersDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      seen.add(ids.branch());
      seen.add(ids.tag());
    }

    assertThat(seen).hasSize(40_000);
  }
}
