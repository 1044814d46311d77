package io.ramal.pbx.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.pbx.directory.Directory;
import io.ramal.pbx.directory.Extension;
import io.ramal.pbx.directory.Trunk;
import io.ramal.sip.transport.AddressRange;
import io.ramal.sip.transport.Transport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DialPlanTest {
  private final List<Trunk> trunks = new ArrayList<>();
  private final Map<String, String> dids = new HashMap<>();
  private final Map<String, String> queueNumbers = new HashMap<>();
  private final DialPlan plan = new DialPlan(new Directory() {
    @Override
    public Optional<String> tenantForDomain(String domain) {
      return Optional.empty();
    }

    @Override
    public String realmOf(String tenantId) {
      return tenantId + ".example";
    }

    @Override
    public Optional<Extension> extension(String tenantId, String number) {
      return number.equals("1001") ? Optional.of(new Extension(tenantId, number, "", "", Map.of())) : Optional.empty();
    }

    @Override
    public List<Trunk> trunks() {
      return trunks;
    }

    @Override
    public Optional<io.ramal.pbx.directory.DidTarget> didTarget(String tenantId, String did) {
      return Optional.ofNullable(dids.get(tenantId + "/" + did)).map(target -> target.startsWith("ivr:")
          ? new io.ramal.pbx.directory.DidTarget.Ivr(target.substring(4))
          : new io.ramal.pbx.directory.DidTarget.Extension(target));
    }

    @Override
    public Optional<String> queueNumbered(String tenantId, String number) {
      return Optional.ofNullable(queueNumbers.get(tenantId + "/" + number));
    }

    @Override
    public Optional<io.ramal.cti.ivr.IvrMenu> ivrMenu(String tenantId, String name) {
      return name.equals("main") ? Optional.of(io.ramal.cti.ivr.IvrMenu.defaults("main")) : Optional.empty();
    }
  });

  private static Trunk trunk(String tenant, String name, List<String> prefixes, String... sources) {
    return new Trunk(tenant, name, "127.0.0.1", 5080, Transport.UDP, Optional.empty(), Optional.empty(), false,
        Optional.empty(), Duration.ofHours(1), prefixes, Optional.empty(),
        List.of(sources).stream().map(AddressRange::parse).toList());
  }

  private String trunkFor(String tenant, String number) {
    return switch (plan.route(tenant, number)) {
      case Destination.ToTrunk t -> t.trunk().name();
      case Destination.Unroutable u -> u.status() + " " + u.reason();
      case Destination.ToExtension e -> "extension " + e.number();
      case Destination.ToQueue q -> "queue " + q.queue();
      case Destination.ToIvr i -> "menu " + i.menu().name();
    };
  }

  @Test
  void aPhoneDiallingAQueuesNumberReachesTheQueueOfItsOwnTenantOnly() {
    trunks.add(trunk("acme", "carrier", List.of()));
    queueNumbers.put("acme/5000", "sales");
    queueNumbers.put("acme/55119000", "support");

    assertThat(trunkFor("acme", "5000")).isEqualTo("queue sales");
    assertThat(trunkFor("acme", "55119000")).as("before the trunks").isEqualTo("queue support");
    assertThat(trunkFor("other", "5000")).isEqualTo("404 Not Found");
    assertThat(trunkFor("acme", "1001")).isEqualTo("extension 1001");
  }

  @Test
  void aDidLeadingToAVoiceMenuRoutesThereWithTheDidAndAnUnknownMenuIsNotFound() {
    Trunk carrier = trunk("acme", "carrier", List.of());
    dids.put("acme/4200", "ivr:main");
    dids.put("acme/4201", "ivr:gone");

    Destination menu = plan.routeInbound(carrier, "4200");
    Destination gone = plan.routeInbound(carrier, "4201");

    assertThat(menu).isInstanceOfSatisfying(Destination.ToIvr.class, i -> {
      assertThat(i.menu().name()).isEqualTo("main");
      assertThat(i.did()).isEqualTo("4200");
    });
    assertThat(gone).isEqualTo(new Destination.Unroutable(404, "Unknown Voice Menu"));
  }

  @Test
  void theLongestMatchingPrefixChoosesTheTrunkAndATrunkWithoutPrefixesTakesTheRest() {
    trunks.add(trunk("acme", "anything", List.of()));
    trunks.add(trunk("acme", "uk", List.of("+44", "0044")));
    trunks.add(trunk("acme", "london", List.of("+4420")));
    trunks.add(trunk("other", "everything", List.of("+")));

    assertThat(trunkFor("acme", "+442079460000")).isEqualTo("london");
    assertThat(trunkFor("acme", "+441614960000")).isEqualTo("uk");
    assertThat(trunkFor("acme", "00441614960000")).isEqualTo("uk");
    assertThat(trunkFor("acme", "+33142685300")).isEqualTo("anything");
    assertThat(trunkFor("acme", "1001")).isEqualTo("extension 1001");
  }

  @Test
  void aNumberNoTrunkOfTheTenantCarriesHasNoRoute() {
    trunks.add(trunk("acme", "uk", List.of("+44")));
    trunks.add(trunk("other", "everything", List.of()));

    assertThat(trunkFor("acme", "+33142685300")).isEqualTo("404 " + DialPlan.NO_TRUNK_REASON);
    assertThat(trunkFor("nobody", "+33142685300")).isEqualTo("404 " + DialPlan.NO_TRUNK_REASON);
    assertThat(trunkFor("acme", "12")).isEqualTo("404 Not Found");
  }

  @Test
  void onATieTheOlderTrunkWins() {
    trunks.add(trunk("acme", "older", List.of()));
    trunks.add(trunk("acme", "newer", List.of()));

    assertThat(trunkFor("acme", "+33142685300")).isEqualTo("older");
  }

  @Test
  void aCallFromAProviderSharedByTenantsGoesToTheTenantOwningTheNumber() throws Exception {
    Trunk first = trunk("acme", "carrier", List.of(), "192.0.2.0/24");
    Trunk second = trunk("globex", "carrier", List.of(), "192.0.2.0/24");
    dids.put("globex/+442079460001", "1001");

    assertThat(plan.inboundTrunk(List.of(first, second), "+442079460001")).contains(second);
    assertThat(plan.inboundTrunk(List.of(first, second), "+442079460999")).as("nobody's: the oldest answers 404")
        .contains(first);
    assertThat(plan.inboundTrunk(List.of(), "+442079460001")).isEmpty();
    assertThat(first.listsSource(InetAddress.getByName("192.0.2.77"))).isTrue();
    assertThat(first.listsSource(InetAddress.getByName("198.51.100.1"))).isFalse();
  }
}
