package io.ramal.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.pbx.registrar.AddressOfRecord;
import io.ramal.pbx.registrar.LocationService;
import io.ramal.pbx.registrar.RegisterOutcome;
import io.ramal.pbx.registrar.Registrar;
import io.ramal.pbx.registrar.RegistrationPolicy;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhoneRegisterTest {
  private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-21T12:00:00Z"));

  @Test
  void eachPhoneGetsItsOwnAcceptedBindingFromItsOwnLoopbackAddress() {
    LocationService location = new LocationService(clock);
    Registrar registrar = new Registrar(location, RegistrationPolicy.DEFAULTS, clock);
    Set<String> sources = new HashSet<>();
    for (int i : new int[] {0, 1, 249, 250, 62_499, 62_500}) {
      PhoneRegister phone = new PhoneRegister(i);
      assertThat(RegistrationHeap.register(registrar, phone)).isInstanceOf(RegisterOutcome.Accepted.class);
      assertThat(phone.source().getAddress().isLoopbackAddress()).isTrue();
      sources.add(phone.source().toString());
    }
    assertThat(sources).hasSize(6);
    assertThat(location.size()).isEqualTo(6);
    assertThat(location.lookup(new AddressOfRecord("demo", "10001")).get(0).contact().toString())
        .isEqualTo("sip:10001@127.0.0.2:5060;transport=udp");
  }

  @Test
  void rejectsAnIndexWithoutALoopbackAddress() {
    assertThatThrownBy(() -> new PhoneRegister(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PhoneRegister(250 * 250 * 250)).isInstanceOf(IllegalArgumentException.class);
  }
}
