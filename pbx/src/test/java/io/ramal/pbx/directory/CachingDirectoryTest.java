package io.ramal.pbx.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.sip.transport.Transport;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachingDirectoryTest {
  private Instant now = Instant.parse("2026-11-21T12:00:00Z");
  private final InstantSource clock = () -> now;
  private final CountingDirectory source = new CountingDirectory();
  private final CachingDirectory cache = new CachingDirectory(source, clock, Duration.ofSeconds(5), 16);

  @Test
  void repeatedLookupsWithinTheTtlReadTheSourceOnce() {
    for (int i = 0; i < 10; i++) {
      assertThat(cache.extension("demo", "1001")).isPresent();
      assertThat(cache.tenantForDomain("DEMO.local")).contains("demo");
      assertThat(cache.tenantForDomain("demo.local")).contains("demo");
    }
    assertThat(source.reads).containsExactly("extension demo 1001", "domain DEMO.local");
  }

  @Test
  void missesAreRememberedToo() {
    cache.extension("demo", "9999");
    cache.extension("demo", "9999");
    assertThat(source.reads).containsExactly("extension demo 9999");
  }

  @Test
  void answersExpireAfterTheTtlAndOnInvalidate() {
    cache.didTarget("demo", "4000");
    now = now.plusSeconds(6);
    cache.didTarget("demo", "4000");
    cache.invalidate();
    cache.didTarget("demo", "4000");
    assertThat(source.reads).hasSize(3);
  }

  @Test
  void aTrunkIsFoundByTheAddressAndPortItsHostResolvesTo() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    assertThat(cache.trunksAt(loopback, 5080)).extracting(Trunk::name).containsExactly("provider");
    assertThat(cache.trunksAt(loopback, 5081)).isEmpty();
    assertThat(cache.trunksAt(InetAddress.getByName("127.0.0.2"), 5080)).isEmpty();
    assertThat(source.reads).containsExactly("trunks");
  }

  @Test
  void aTrunkIsAlsoFoundFromAnyPortOfTheSourcesItLists() throws Exception {
    assertThat(cache.trunksAt(InetAddress.getByName("192.0.2.44"), 40000)).extracting(Trunk::name)
        .containsExactly("carrier");
    assertThat(cache.trunksAt(InetAddress.getByName("192.0.3.1"), 5060)).isEmpty();
  }

  @Test
  void aFloodOfUnknownNamesCannotGrowTheCacheWithoutBound() {
    for (int i = 0; i < 1000; i++) cache.extension("demo", "x" + i);
    cache.extension("demo", "x999");
    assertThat(source.reads).hasSize(1000);
  }

  @Test
  void aTrunkNeverPrintsItsPassword() {
    Trunk t = source.trunks().get(0);
    assertThat(t.toString()).doesNotContain("s3cret").contains("****");
  }

  private static final class CountingDirectory implements Directory {
    final List<String> reads = new ArrayList<>();

    @Override
    public Optional<String> tenantForDomain(String domain) {
      reads.add("domain " + domain);
      return Optional.of("demo");
    }

    @Override
    public String realmOf(String tenantId) {
      reads.add("realm " + tenantId);
      return "demo.local";
    }

    @Override
    public Optional<Extension> extension(String tenantId, String number) {
      reads.add("extension " + tenantId + " " + number);
      return number.equals("1001")
          ? Optional.of(new Extension(tenantId, number, "Alice", "demo.local", Map.of("MD5", "00")))
          : Optional.empty();
    }

    @Override
    public List<Trunk> trunks() {
      reads.add("trunks");
      return List.of(new Trunk("demo", "provider", "127.0.0.1", 5080, Transport.UDP, Optional.of("acct"),
          Optional.of("s3cret"), false, Optional.empty()),
          new Trunk("demo", "carrier", "127.0.0.1", 5090, Transport.UDP, Optional.empty(), Optional.empty(), false,
              Optional.empty(), Trunk.DEFAULT_REGISTER_EXPIRY, List.of(), Optional.empty(),
              List.of(io.ramal.sip.transport.AddressRange.parse("192.0.2.0/24"))));
    }

    @Override
    public Optional<io.ramal.pbx.directory.DidTarget> didTarget(String tenantId, String did) {
      reads.add("did " + tenantId + " " + did);
      return Optional.of(new io.ramal.pbx.directory.DidTarget.Extension("1001"));
    }
  }
}
