package io.ramal.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConfigReaderTest {

    @Test
    void emptyFileKeepsTheDefaults() {
        assertThat(YamlConfigReader.read("", Config.demo())).isEqualTo(Config.demo());
        assertThat(YamlConfigReader.read("# only a comment\n", Config.production())).isEqualTo(Config.production());
    }

    @Test
    void keysInTheFileReplaceOnlyThemselves() {
        Config config = YamlConfigReader.read("""
                http:
                  port: 9090
                sip:
                  registration:
                    max_expiry: 2h
                """, Config.demo());
        assertThat(config.http()).isEqualTo(new HttpConfig("127.0.0.1", 9090));
        assertThat(config.sip().registration().maxExpiry()).isEqualTo(Duration.ofHours(2));
        assertThat(config.sip().registration().minExpiry()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.sip().bind()).isEqualTo("127.0.0.1");
        assertThat(config.tenants()).isEqualTo(Config.demo().tenants());
    }

    @Test
    void readsEveryKey() {
        Config config = YamlConfigReader.read("""
                http:
                  bind: 0.0.0.0
                  port: 8081
                sip:
                  bind: 192.0.2.1
                  bind6: "2001:db8::1"
                  port: 5070
                  transports: [tcp]
                  ipv6: true
                  realm: pbx.example.com
                  no_answer_timeout: 45s
                  registration:
                    min_expiry: 2m
                    max_expiry: 1h
                    default_expiry: 30m
                  guard:
                    max_failures_per_source: 5
                    window: 2m
                    block: 1h
                    max_failures_per_user: 7
                    user_window: 15m
                    user_throttle: 30m
                    trusted_source_ttl: 4h
                store:
                  url: jdbc:postgresql://127.0.0.1:5432/ramal
                data_dir: /var/lib/ramal
                log:
                  level: debug
                tenants:
                  - id: acme
                    name: ACME Ltd
                    domains: [acme.example.com, ACME.local]
                    extensions:
                      - {number: 200, name: Reception, password: pw-200}
                      - {number: "201", password: pw-201}
                    trunks:
                      - name: carrier
                        host: 127.0.0.1
                        port: 5080
                        transport: tcp
                        username: acme
                        password: trunk-secret
                        register: true
                        realm: carrier.example
                    dids:
                      - {number: "+15550100", extension: "200"}
                """, Config.production());

        assertThat(config.http()).isEqualTo(new HttpConfig("0.0.0.0", 8081));
        SipConfig sip = config.sip();
        assertThat(sip.bind()).isEqualTo("192.0.2.1");
        assertThat(sip.ipv6Bind()).contains("2001:db8::1");
        assertThat(sip.port()).isEqualTo(5070);
        assertThat(sip.transports()).containsExactly(SipTransport.TCP);
        assertThat(sip.realm()).contains("pbx.example.com");
        assertThat(sip.noAnswerTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(sip.registration())
                .isEqualTo(new RegistrationConfig(Duration.ofMinutes(2), Duration.ofHours(1), Duration.ofMinutes(30)));
        assertThat(sip.guard()).isEqualTo(new GuardConfig(5, Duration.ofMinutes(2), Duration.ofHours(1),
                7, Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(4)));
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/ramal");
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/ramal"));
        assertThat(config.log().level()).isEqualTo(LogLevel.DEBUG);

        TenantConfig acme = config.tenants().getFirst();
        assertThat(acme.id()).isEqualTo("acme");
        assertThat(acme.name()).isEqualTo("ACME Ltd");
        assertThat(acme.domains()).containsExactly("acme.example.com", "acme.local");
        assertThat(acme.extensions()).containsExactly(
                new ExtensionConfig("200", "Reception", "pw-200"), new ExtensionConfig("201", "201", "pw-201"));
        assertThat(acme.trunks()).containsExactly(new TrunkConfig("carrier", "127.0.0.1", 5080, SipTransport.TCP,
                Optional.of("acme"), Optional.of("trunk-secret"), true, Optional.of("carrier.example")));
        assertThat(acme.dids()).containsExactly(new DidConfig("+15550100", "200"));
        assertThat(config.realmOf(acme)).isEqualTo("pbx.example.com");
    }

    @Test
    void tenantRealmDefaultsToItsFirstDomain() {
        Config config = YamlConfigReader.read("""
                tenants:
                  - id: acme
                    domains: [acme.example.com, acme.local]
                """, Config.production());
        assertThat(config.realmOf(config.tenants().getFirst())).isEqualTo("acme.example.com");
    }

    @Test
    void trunkFieldsHaveDefaults() {
        Config config = YamlConfigReader.read("""
                tenants:
                  - id: acme
                    domains: [acme.example.com]
                    trunks: [{name: carrier, host: 127.0.0.1}]
                """, Config.production());
        assertThat(config.tenants().getFirst().trunks()).containsExactly(new TrunkConfig("carrier", "127.0.0.1", 5060,
                SipTransport.UDP, Optional.empty(), Optional.empty(), false, Optional.empty()));
    }

    @Test
    void aTrunkNamesItsPrefixesCallerIdInboundSourcesAndRegistrationInterval() {
        Config config = YamlConfigReader.read("""
                store:
                  secrets_key_file: /etc/ramal/secrets.key
                tenants:
                  - id: acme
                    domains: [acme.example.com]
                    trunks:
                      - name: carrier
                        host: sip.carrier.example
                        register_expiry: 10m
                        outbound_prefixes: ["+44", "0044"]
                        caller_id: "+442079460000"
                        inbound_sources: [192.0.2.0/24, 198.51.100.7]
                """, Config.production());
        TrunkConfig trunk = config.tenants().getFirst().trunks().getFirst();
        assertThat(trunk.registerExpiry()).isEqualTo(Duration.ofMinutes(10));
        assertThat(trunk.outboundPrefixes()).containsExactly("+44", "0044");
        assertThat(trunk.callerId()).contains("+442079460000");
        assertThat(trunk.inboundSources()).containsExactly("192.0.2.0/24", "198.51.100.7");
        assertThat(config.secretsKeyFile()).isEqualTo(Path.of("/etc/ramal/secrets.key"));
        assertThat(Config.production().secretsKeyFile()).isEqualTo(Path.of("./data/secrets.key"));
    }

    @Test
    void aTrunkWithABadInboundSourceOrPrefixIsRefusedWithItsKey() {
        for (String bad : new String[] {"inbound_sources: [carrier.example]", "outbound_prefixes: [\"44x\"]",
                "caller_id: abc", "register_expiry: 5s"}) {
            assertThatThrownBy(() -> YamlConfigReader.read("""
                    tenants:
                      - id: acme
                        domains: [acme.example.com]
                        trunks:
                          - name: carrier
                            host: 127.0.0.1
                            %s
                    """.formatted(bad), Config.production())).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("trunks");
        }
    }

    @Test
    void aTenantsListReplacesTheDemoTenant() {
        Config config = YamlConfigReader.read("tenants: []\n", Config.demo());
        assertThat(config.tenants()).isEmpty();
    }

    @Test
    void unknownTopLevelKeyIsNamed() {
        assertFails("htttp:\n  port: 1\n", "htttp")
                .hasMessageContaining("unknown key")
                .hasMessageContaining("did you mean 'http'");
    }

    @Test
    void unknownNestedKeyIsNamedWithItsFullPath() {
        assertFails("sip:\n  guard:\n    windw: 1m\n", "sip.guard.windw")
                .hasMessageContaining("allowed under 'sip.guard'")
                .hasMessageContaining("did you mean 'window'");
    }

    @Test
    void unknownKeyInsideAListNamesTheItem() {
        assertFails("""
                tenants:
                  - id: acme
                    domains: [acme.example.com]
                    extensions:
                      - {number: "200", password: a}
                      - {number: "201", pasword: b}
                """, "tenants[0].extensions[1].pasword");
    }

    @Test
    void wrongTypesAreNamed() {
        assertFails("http:\n  port: eighty\n", "http.port").hasMessageContaining("whole number");
        assertFails("sip:\n  ipv6: yes please\n", "sip.ipv6").hasMessageContaining("true or false");
        assertFails("sip: 5060\n", "sip").hasMessageContaining("mapping");
        assertFails("sip:\n  transports: udp\n", "sip.transports").hasMessageContaining("list");
    }

    @Test
    void durationsNeedAUnit() {
        assertFails("sip:\n  no_answer_timeout: 30\n", "sip.no_answer_timeout").hasMessageContaining("without a unit");
        assertFails("sip:\n  guard:\n    block: 10 min\n", "sip.guard.block").hasMessageContaining("10 min");
    }

    @Test
    void outOfRangeValuesAreReportedUnderTheirSection() {
        assertFails("http:\n  port: 70000\n", "http").hasMessageContaining("between 0 and 65535");
        assertFails("sip:\n  registration:\n    min_expiry: 2h\n", "sip.registration")
                .hasMessageContaining("min_expiry (2h) must not exceed max_expiry (1h)");
        assertFails("sip:\n  transports: [udp, sctp]\n", "sip.transports[1]").hasMessageContaining("sctp");
        assertFails("log:\n  level: loud\n", "log.level").hasMessageContaining("loud");
        assertFails("store:\n  url: postgres://x\n", "store").hasMessageContaining("jdbc:");
    }

    @Test
    void tenantMistakesAreNamed() {
        assertFails("tenants:\n  - {name: x, domains: [a]}\n", "tenants[0].id").hasMessageContaining("required");
        assertFails("tenants:\n  - {id: x}\n", "tenants[0].domains").hasMessageContaining("required");
        assertFails("""
                tenants:
                  - id: acme
                    domains: [a.example]
                    extensions: [{number: "200", password: p}]
                    dids: [{number: "4000", extension: "999"}]
                """, "tenants[0]").hasMessageContaining("extension 999");
        assertFails("""
                tenants:
                  - id: acme
                    domains: [a.example]
                    trunks: [{name: carrier, host: 127.0.0.1, register: true}]
                """, "tenants[0].trunks[0]").hasMessageContaining("no username and password");
        assertFails("""
                tenants:
                  - {id: one, domains: [shared.example]}
                  - {id: two, domains: [SHARED.example]}
                """, "tenants").hasMessageContaining("domain shared.example belongs to both tenant one and tenant two");
    }

    @Test
    void readsATenantsQueuesWithTheirDefaults() {
        Config config = YamlConfigReader.read("""
                tenants:
                  - id: acme
                    domains: [a.example]
                    queues:
                      - name: sales
                        strategy: longest_idle
                        ring_timeout: 20s
                        max_wait: 3m
                        overflow_to: queue:backup
                        wrap_up: 15s
                        max_callers: 25
                        announce_position_every: 1m
                        service_level: 30s
                        number: "5000"
                        language: es
                        announce_wait: true
                      - name: backup
                """, Config.production());
        TenantConfig acme = config.tenants().getFirst();
        assertThat(acme.queues()).containsExactly(
                new io.ramal.cti.queue.QueueSettings("sales", io.ramal.cti.queue.Strategy.LONGEST_IDLE,
                        Duration.ofSeconds(20), Optional.of(Duration.ofMinutes(3)),
                        Optional.of(io.ramal.cti.queue.OverflowTarget.parse("queue:backup")), Duration.ofSeconds(15),
                        java.util.OptionalInt.of(25), Optional.of(Duration.ofMinutes(1)), Duration.ofSeconds(30),
                        Optional.of("5000"), io.ramal.cti.Language.ES, true),
                io.ramal.cti.queue.QueueSettings.defaults("backup"));
    }

    @Test
    void queueMistakesAreNamed() {
        assertFails("""
                tenants:
                  - {id: acme, domains: [a.example], queues: [{name: sales, strategy: random}]}
                """, "tenants[0].queues[0].strategy").hasMessageContaining("ring_all");
        assertFails("""
                tenants:
                  - {id: acme, domains: [a.example], queues: [{name: Sales}]}
                """, "tenants[0].queues[0]").hasMessageContaining("queue name");
        assertFails("""
                tenants:
                  - {id: acme, domains: [a.example], queues: [{name: sales, overflow_to: voicemail}]}
                """, "tenants[0].queues[0].overflow_to").hasMessageContaining("queue:NAME");
        assertFails("""
                tenants:
                  - {id: acme, domains: [a.example], queues: [{name: sales, ring_timeout: 0s}]}
                """, "tenants[0].queues[0]").hasMessageContaining("ringTimeout");
        assertFails("""
                tenants:
                  - {id: acme, domains: [a.example], queues: [{name: sales, overflow_to: "queue:nope"}]}
                """, "tenants[0]").hasMessageContaining("queue nope");
        assertFails("""
                tenants:
                  - {id: acme, domains: [a.example], queues: [{name: sales}, {name: sales}]}
                """, "tenants[0]").hasMessageContaining("queue name sales twice");
        assertFails("""
                tenants:
                  - {id: acme, domains: [a.example], queues: [{name: sales, members: [alice]}]}
                """, "tenants[0].queues[0].members").hasMessageContaining("unknown key");
        assertFails("""
                tenants:
                  - {id: acme, domains: [a.example], queues: [{name: sales, language: fr}]}
                """, "tenants[0].queues[0].language").hasMessageContaining("en, pt or es");
        assertFails("""
                tenants:
                  - {id: acme, domains: [a.example], queues: [{name: sales, number: "50-00"}]}
                """, "tenants[0].queues[0]").hasMessageContaining("1-20 digits");
        assertFails("""
                tenants:
                  - {id: acme, domains: [a.example], queues: [{name: a, number: "5000"}, {name: b, number: "5000"}]}
                """, "tenants[0]").hasMessageContaining("queue number 5000 twice");
        assertFails("""
                tenants:
                  - id: acme
                    domains: [a.example]
                    extensions: [{number: "200", password: change-me-200}]
                    queues: [{name: sales, number: "200"}]
                """, "tenants[0]").hasMessageContaining("extension 200 and a queue dialled by 200");
    }

    @Test
    void readsATenantsVoiceMenusAndDidsLeadingToThem() {
        Config config = YamlConfigReader.read("""
                tenants:
                  - id: acme
                    domains: [a.example]
                    extensions: [{number: "200", password: change-me-200}]
                    queues: [{name: sales}]
                    ivrs:
                      - name: main
                        options:
                          1: extension:200
                          2: queue:sales
                          "#": ivr:night
                          "0": number:+15550100
                        timeout: 4s
                        max_retries: 1
                        default_target: extension:200
                      - name: night
                    dids:
                      - {number: "+15550102", ivr: main}
                """, Config.production());
        TenantConfig acme = config.tenants().getFirst();
        assertThat(acme.ivrs()).containsExactly(
                new io.ramal.cti.ivr.IvrMenu("main", Optional.empty(), java.util.Map.of(
                        '1', new io.ramal.cti.ivr.IvrTarget.Extension("200"),
                        '2', new io.ramal.cti.ivr.IvrTarget.Queue("sales"),
                        '#', new io.ramal.cti.ivr.IvrTarget.Menu("night"),
                        '0', new io.ramal.cti.ivr.IvrTarget.ExternalNumber("+15550100")),
                        Duration.ofSeconds(4), 1, Optional.of(new io.ramal.cti.ivr.IvrTarget.Extension("200")),
                        Optional.empty()),
                io.ramal.cti.ivr.IvrMenu.defaults("night"));
        assertThat(acme.dids()).extracting(DidConfig::describeTarget).containsExactly("ivr main");
    }

    @Test
    void voiceMenuMistakesAreNamed() {
        assertFails("""
                tenants:
                  - {id: acme, domains: [a.example], ivrs: [{name: main, options: {"x": "extension:1"}}]}
                """, "tenants[0].ivrs[0].options.x").hasMessageContaining("0-9, *, #");
        assertFails("""
                tenants:
                  - {id: acme, domains: [a.example], ivrs: [{name: main, default_target: voicemail}]}
                """, "tenants[0].ivrs[0].default_target").hasMessageContaining("ivr:NAME");
        assertFails("""
                tenants:
                  - {id: acme, domains: [a.example], ivrs: [{name: main, options: {"1": "ivr:nope"}}]}
                """, "tenants[0]").hasMessageContaining("ivr:nope");
        assertFails("""
                tenants:
                  - {id: acme, domains: [a.example], dids: [{number: "4000", ivr: nope}]}
                """, "tenants[0]").hasMessageContaining("ivr nope");
        assertFails("""
                tenants:
                  - {id: acme, domains: [a.example], ivrs: [{name: main}], dids: [{number: "4000", ivr: main, queue: x}]}
                """, "tenants[0].dids[0]").hasMessageContaining("exactly one of extension, queue and ivr");
        assertFails("""
                tenants:
                  - {id: acme, domains: [a.example], ivrs: [{name: main, timeout: 90s}]}
                """, "tenants[0].ivrs[0]").hasMessageContaining("1 s to 60 s");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertFails("http:\n  port: 1\n  port: 2\n", "").hasMessageContaining("port");
    }

    @Test
    void brokenYamlReportsWhere() {
        assertFails("http:\n  port: [1\n", "").hasMessageContaining("not valid YAML").hasMessageContaining("line");
    }

    @Test
    void aMissingFileIsReported(@TempDir Path dir) {
        assertThatThrownBy(() -> YamlConfigReader.read(dir.resolve("nope.yaml"), Config.production()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml does not exist");
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ramal.yaml"), "sip:\n  port: 5099\n");
        assertThat(YamlConfigReader.read(file, Config.production()).sip().port()).isEqualTo(5099);
    }

    @Test
    void keywordsParseUnderTurkishLocale() {
        Locale original = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            Config config = YamlConfigReader.read("log:\n  level: info\nsip:\n  transports: [UDP, Tcp]\n"
                    + "tenants:\n  - {id: x, domains: [IMAGINE.example]}\n", Config.production());
            assertThat(config.log().level()).isEqualTo(LogLevel.INFO);
            assertThat(config.sip().transports()).containsExactly(SipTransport.UDP, SipTransport.TCP);
            assertThat(config.tenants().getFirst().domains()).containsExactly("imagine.example");
        } finally {
            Locale.setDefault(original);
        }
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(String yaml, String key) {
        return assertThatThrownBy(() -> YamlConfigReader.read(yaml, Config.production()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
    }

    @Test
    void readsTheApiSectionAndNeverLetsAFileSeedDemoUsers() {
        Config config = YamlConfigReader.read("""
                api:
                  access_token_lifetime: 5m
                  refresh_token_lifetime: 1d
                  events:
                    retention: 2h
                    max_per_tenant: 50000
                    max_sockets_per_user: 3
                    heartbeat: 5s
                """, Config.production());
        assertThat(config.api()).isEqualTo(new ApiConfig(java.time.Duration.ofMinutes(5), java.time.Duration.ofDays(1),
                java.time.Duration.ofHours(2), java.util.Optional.of(50_000L), 3, java.time.Duration.ofSeconds(5), false));
        assertThatThrownBy(() -> YamlConfigReader.read("api:\n  seed_demo_users: true\n", Config.production()))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> YamlConfigReader.read("api:\n  events:\n    max_per_tenant: 10\n", Config.production()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_per_tenant");
    }

    @Test
    void readsTheAgentPolicyDefaultsAndRefusesAPauseWithoutAReason() {
        Config config = YamlConfigReader.read("""
                api:
                  agents:
                    second_login: take_over
                    vanish_grace: 30s
                    vanish_action: pause
                    vanish_reason: away
                """, Config.production());
        assertThat(config.api().agents()).isEqualTo(new AgentConfig(io.ramal.cti.agent.SecondLogin.TAKE_OVER,
                java.time.Duration.ofSeconds(30), io.ramal.store.AgentPolicySetting.Vanish.PAUSE,
                java.util.Optional.of("away")));
        assertThat(Config.production().api().agents()).isEqualTo(AgentConfig.DEFAULTS);
        assertThatThrownBy(() -> YamlConfigReader.read("api:\n  agents:\n    vanish_action: pause\n",
                Config.production())).isInstanceOf(ConfigException.class).hasMessageContaining("vanish_reason");
        assertThatThrownBy(() -> YamlConfigReader.read("api:\n  agents:\n    second_login: maybe\n",
                Config.production())).isInstanceOf(ConfigException.class).hasMessageContaining("second_login");
    }

    @Test
    void readsThePublicUrlAndTheRecordingLinkLifetime() {
        Config config = YamlConfigReader.read("""
                api:
                  public_url: https://pbx.example.com:8443
                  recording_link_lifetime: 2h
                """, Config.production());
        assertThat(config.api().publicUrl()).contains(java.net.URI.create("https://pbx.example.com:8443"));
        assertThat(config.api().recordingLinkLifetime()).isEqualTo(java.time.Duration.ofHours(2));
        assertThat(Config.production().api().publicUrl()).isEmpty();
        assertThat(Config.production().api().recordingLinkLifetime()).isEqualTo(java.time.Duration.ofHours(24));
        assertThatThrownBy(() -> YamlConfigReader.read("api:\n  public_url: ftp://pbx\n", Config.production()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("public_url");
        assertThatThrownBy(() -> YamlConfigReader.read("api:\n  public_url: 'http://exa mple'\n", Config.production()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("public_url");
        assertThatThrownBy(() -> YamlConfigReader.read("api:\n  recording_link_lifetime: 8d\n", Config.production()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("recording_link_lifetime");
    }

    @Test
    void readsTheWebhookDeliverySettings() {
        Config config = YamlConfigReader.read("""
                api:
                  webhooks:
                    connect_timeout: 2s
                    read_timeout: 4s
                    lease: 30s
                    poll_interval: 500ms
                    batch_size: 10
                    max_concurrent: 4
                    backoff:
                      base: 1s
                      max: 1m
                      jitter: 0.25
                    max_attempts: 5
                    max_age: 2h
                    delivered_retention: 1d
                    dead_retention: 3d
                    prune_interval: 10m
                    subscription_cache_ttl: 5s
                    shutdown_grace: 2s
                    max_replay: 50
                """, Config.production());
        assertThat(config.api().webhooks()).isEqualTo(new io.ramal.api.webhooks.WebhookConfig(
                java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(4), java.time.Duration.ofSeconds(30),
                java.time.Duration.ofMillis(500), 10, 4, new io.ramal.api.webhooks.Backoff(java.time.Duration.ofSeconds(1),
                        java.time.Duration.ofMinutes(1), 0.25), 5, java.time.Duration.ofHours(2),
                java.time.Duration.ofDays(1), java.time.Duration.ofDays(3), java.time.Duration.ofMinutes(10),
                java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(2), 50));
        assertThat(Config.production().api().webhooks()).isEqualTo(io.ramal.api.webhooks.WebhookConfig.defaults());
        assertThatThrownBy(() -> YamlConfigReader.read("api:\n  webhooks:\n    lease: 5s\n", Config.production()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("api.webhooks").hasMessageContaining("lease");
        assertThatThrownBy(() -> YamlConfigReader.read("api:\n  webhooks:\n    backoff:\n      jitter: 2\n",
                Config.production())).isInstanceOf(ConfigException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> YamlConfigReader.read("api:\n  webhooks:\n    retries: 3\n", Config.production()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("retries");
    }

    @Test
    void readsRecordingSettingsAndPolicies() {
        Config config = YamlConfigReader.read("""
                media:
                  recording:
                    party_channels: true
                    mp3_kbps: 48
                tenants:
                  - id: acme
                    domains: [acme.example]
                    record: always
                    extensions:
                      - {number: "200", password: p200, record: never}
                      - {number: "201", password: p201}
                """, Config.production());
        assertThat(config.media().recording()).isEqualTo(new RecordingConfig(true, 48));
        assertThat(config.media().rtpPortLow()).as("other media keys keep their defaults").isEqualTo(20000);
        TenantConfig acme = config.tenant("acme").orElseThrow();
        assertThat(acme.record()).isEqualTo(RecordPolicy.ALWAYS);
        assertThat(acme.extensions().get(0).record()).contains(RecordPolicy.NEVER);
        assertThat(acme.extensions().get(1).record()).isEmpty();
        assertThat(YamlConfigReader.read("media:\n  recording:\n    mp3_kbps: 0\n", Config.production())
                .media().recording().mp3Kbps()).as("0: WAV only").isZero();
    }

    @Test
    void recordingMistakesAreNamed() {
        assertFails("media:\n  recording:\n    mp3_kbps: 128\n", "media.recording").hasMessageContaining("mp3_kbps");
        assertFails("media:\n  recording:\n    stereo: true\n", "media.recording.stereo");
        assertFails("tenants:\n  - {id: a, domains: [a.example], record: sometimes}\n", "tenants[0].record")
                .hasMessageContaining("always, never or on_demand");
        assertFails("""
                tenants:
                  - id: a
                    domains: [a.example]
                    extensions: [{number: "200", password: p, record: yes}]
                """, "tenants[0].extensions[0].record");
    }

    @Test
    void readsRecordingRetentionGlobalAndPerTenant() {
        Config config = YamlConfigReader.read("""
                media:
                  recording:
                    retention_days: 30
                tenants:
                  - id: acme
                    domains: [acme.example]
                    recordings:
                      retention_days: 365
                  - id: beta
                    domains: [beta.example]
                  - id: keeper
                    domains: [keeper.example]
                    recordings: {retention_days: 0}
                """, Config.production());

        assertThat(config.media().recording().retentionDays()).isEqualTo(30);
        assertThat(config.tenant("acme").orElseThrow().recordingRetentionDays()).hasValue(365);
        assertThat(config.tenant("beta").orElseThrow().recordingRetentionDays()).isEmpty();
        assertThat(config.tenant("keeper").orElseThrow().recordingRetentionDays()).hasValue(0);
        assertThat(Config.production().media().recording().retentionDays()).as("kept for ever by default").isZero();
    }

    @Test
    void retentionMistakesAreNamed() {
        assertFails("media:\n  recording:\n    retention_days: -1\n", "media.recording")
                .hasMessageContaining("retention_days");
        assertFails("tenants:\n  - {id: a, domains: [a.example], recordings: {retention_days: 99999}}\n",
                "tenants[0].recordings").hasMessageContaining("36500");
        assertFails("tenants:\n  - {id: a, domains: [a.example], recordings: {keep: 3}}\n",
                "tenants[0].recordings.keep");
    }
}
