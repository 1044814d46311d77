package io.ramal.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

    /** A DNS double: names resolve to the addresses of this table, nothing else resolves. */
    private static final HostResolver FAKE_DNS = host -> {
        Map<String, List<String>> table = Map.of(
                "crm.example", List.of("203.0.113.10"),
                "intranet.example", List.of("10.1.2.3"),
                "sneaky.example", List.of("203.0.113.11", "169.254.169.254"));
        List<String> addresses = table.get(host);
        if (addresses == null) {
            if (Cidr.literal(host).isPresent()) {
                return List.of(Cidr.literal(host).get());
            }
            throw new UnknownHostException(host);
        }
        return addresses.stream().map(a -> Cidr.literal(a).orElseThrow()).toList();
    };

    private final AddressGuard guard = new AddressGuard(FAKE_DNS);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "224.0.0.251", "255.255.255.255",
            "[::1]", "[::]", "[fe80::1]", "[fc00::1]", "[fd12:3456::1]", "[ff02::1]", "[::ffff:127.0.0.1]",
            "[::ffff:a9fe:a9fe]", "[64:ff9b::a00:1]", "[2002:c0a8:101::1]"})
    void refusesNonPublicAddresses(String host) {
        assertThat(guard.check(URI.create("http://" + host + ":8080/hook"), List.of()))
                .isInstanceOf(AddressGuard.Verdict.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.10", "8.8.8.8", "172.32.0.1", "100.128.0.1", "[2001:db8::1]",
            "[2a00:1450::1]", "crm.example"})
    void allowsPublicAddresses(String host) {
        assertThat(guard.check(URI.create("https://" + host + "/hook"), List.of()))
                .isInstanceOf(AddressGuard.Verdict.Allowed.class);
    }

    @Test
    void saysWhichAddressWasRefusedAndWhy() {
        AddressGuard.Verdict verdict = guard.check(URI.create("https://intranet.example/x"), List.of());

        assertThat(verdict).isInstanceOfSatisfying(AddressGuard.Verdict.Refused.class, refused ->
                assertThat(refused.reason()).contains("10.1.2.3").contains("private").contains("allow-list"));
    }

    @Test
    void refusesAHostWithAnyNonPublicAddressAmongItsAnswers() {
        assertThat(guard.check(URI.create("https://sneaky.example/x"), List.of()))
                .isInstanceOfSatisfying(AddressGuard.Verdict.Refused.class, refused ->
                        assertThat(refused.reason()).contains("169.254.169.254").contains("link-local"));
    }

    @Test
    void theTenantsAllowListLetsExactlyItsAddressesThrough() {
        List<Cidr> allow = List.of(Cidr.parse("127.0.0.1"), Cidr.parse("10.1.0.0/16"));

        assertThat(guard.check(URI.create("http://127.0.0.1:9000/"), allow)).isInstanceOf(AddressGuard.Verdict.Allowed.class);
        assertThat(guard.check(URI.create("http://intranet.example/"), allow)).isInstanceOf(AddressGuard.Verdict.Allowed.class);
        assertThat(guard.check(URI.create("http://127.0.0.2/"), allow)).isInstanceOf(AddressGuard.Verdict.Refused.class);
        assertThat(guard.check(URI.create("http://10.2.0.1/"), allow)).isInstanceOf(AddressGuard.Verdict.Refused.class);
    }

    @Test
    void refusesOtherSchemesUserInfoAndUnresolvableHosts() {
        assertThat(guard.check(URI.create("ftp://crm.example/"), List.of())).isInstanceOf(AddressGuard.Verdict.Refused.class);
        assertThat(guard.check(URI.create("file:///etc/passwd"), List.of())).isInstanceOf(AddressGuard.Verdict.Refused.class);
        assertThat(guard.check(URI.create("https://u:p@crm.example/"), List.of())).isInstanceOf(AddressGuard.Verdict.Refused.class);
        assertThat(guard.check(URI.create("https://nowhere.example/"), List.of()))
                .isInstanceOfSatisfying(AddressGuard.Verdict.Refused.class,
                        refused -> assertThat(refused.reason()).contains("does not resolve"));
    }

    @Test
    void cidrBlocksParseOnlyLiteralsAndMatchByPrefix() throws UnknownHostException {
        Cidr ula = Cidr.parse("fc00::/7");

        assertThat(ula.contains(InetAddress.getByName("fdff::1"))).isTrue();
        assertThat(ula.contains(InetAddress.getByName("fe00::1"))).isFalse();
        assertThat(Cidr.parse("192.168.7.9/24").toString()).isEqualTo("192.168.7.0/24");
        assertThat(Cidr.literal("localhost")).as("never resolves names").isEmpty();
        assertThat(Cidr.parse("127.0.0.1").contains(InetAddress.getByName("::ffff:127.0.0.1"))).isTrue();
    }
}
