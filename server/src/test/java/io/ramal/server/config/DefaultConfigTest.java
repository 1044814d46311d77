package io.ramal.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefaultConfigTest {

    @Test
    void demoListensOnLoopbackOnly() {
        Config demo = Config.demo();
        assertThat(demo.http()).isEqualTo(new HttpConfig("127.0.0.1", 8080));
        assertThat(demo.sip().bind()).isEqualTo("127.0.0.1");
        assertThat(demo.sip().ipv6Bind()).contains("::1");
        assertThat(demo.sip().port()).isEqualTo(5060);
        assertThat(demo.sip().transports()).containsExactly(SipTransport.UDP, SipTransport.TCP);
    }

    @Test
    void demoUsesSqliteUnderDataDir() {
        assertThat(Config.demo().jdbcUrl()).isEqualTo("jdbc:sqlite:./data/ramal.db");
    }

    @Test
    void demoSeedsTheDocumentedTenant() {
        TenantConfig demo = Config.demo().tenant("demo").orElseThrow();
        assertThat(demo.domains()).containsExactly("127.0.0.1", "localhost");
        assertThat(demo.extensions()).hasSize(10);
        assertThat(demo.extensions().getFirst()).isEqualTo(new ExtensionConfig("1001", "Extension 1001", "demo1001"));
        assertThat(demo.extensions().getLast().number()).isEqualTo("1010");
        assertThat(demo.extensions().getLast().password()).isEqualTo("demo1010");
        assertThat(demo.trunks()).singleElement().satisfies(trunk -> {
            assertThat(trunk.host()).isEqualTo("127.0.0.1");
            assertThat(trunk.port()).isEqualTo(5080);
            assertThat(trunk.register()).isFalse();
        });
        assertThat(demo.dids()).containsExactly(new DidConfig("4000", "1001"));
        assertThat(Config.demo().realmOf(demo)).isEqualTo("127.0.0.1");
    }

    @Test
    void callAndRegistrationDefaults() {
        SipConfig sip = Config.demo().sip();
        assertThat(sip.noAnswerTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(sip.registration())
                .isEqualTo(new RegistrationConfig(Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofHours(1)));
        assertThat(sip.guard()).isEqualTo(new GuardConfig(10, Duration.ofSeconds(60), Duration.ofMinutes(10),
                20, Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofHours(2)));
        assertThat(Config.demo().log().level()).isEqualTo(LogLevel.INFO);
    }

    @Test
    void productionListensForSipOnEveryAddressAndHasNoTenants() {
        Config production = Config.production();
        assertThat(production.sip().bind()).isEqualTo("0.0.0.0");
        assertThat(production.sip().ipv6Bind()).contains("::");
        assertThat(production.http().bind()).isEqualTo("127.0.0.1");
        assertThat(production.tenants()).isEmpty();
    }

    @Test
    void ipv6BindFollowsTheIpv4Bind() {
        SipConfig base = Config.demo().sip();
        assertThat(withBind(base, "192.0.2.10", Optional.empty(), true).ipv6Bind()).isEmpty();
        assertThat(withBind(base, "192.0.2.10", Optional.of("2001:db8::10"), true).ipv6Bind()).contains("2001:db8::10");
        assertThat(withBind(base, "127.0.0.1", Optional.empty(), false).ipv6Bind()).isEmpty();
        assertThat(withBind(base, "::1", Optional.empty(), true).ipv6Bind()).isEmpty();
    }

    @Test
    void secretsStayOutOfToString() {
        TrunkConfig trunk = new TrunkConfig("carrier", "127.0.0.1", 5080, SipTransport.UDP,
                Optional.of("acct"), Optional.of("s3cret"), true, Optional.empty());
        assertThat(trunk.toString()).doesNotContain("s3cret").contains("acct");
        assertThat(new ExtensionConfig("1001", "A", "demo1001").toString()).doesNotContain("demo1001");
    }

    private static SipConfig withBind(SipConfig base, String bind, Optional<String> bind6, boolean ipv6) {
        return new SipConfig(bind, bind6, base.port(), List.of(SipTransport.UDP), ipv6, base.realm(),
                base.noAnswerTimeout(), base.registration(), base.guard(), base.overload());
    }
}
