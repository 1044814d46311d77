package io.ramal.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/reference.yaml must stay readable and must state the real production defaults. */
class ReferenceConfigTest {
    private static final Path REFERENCE = Path.of("..", "docs", "reference.yaml");

    @Test
    void referenceConfigStatesTheProductionDefaults() {
        assertThat(REFERENCE).exists();
        Config reference = YamlConfigReader.read(REFERENCE, Config.production());
        Config production = Config.production();
        assertThat(reference.http()).isEqualTo(production.http());
        assertThat(reference.sip()).isEqualTo(production.sip());
        assertThat(reference.media()).isEqualTo(production.media());
        assertThat(reference.api()).isEqualTo(production.api());
        assertThat(reference.store()).isEqualTo(production.store());
        assertThat(reference.dataDir()).isEqualTo(production.dataDir());
        assertThat(reference.log()).isEqualTo(production.log());
    }

    @Test
    void referenceTenantExampleIsValid() {
        Config reference = YamlConfigReader.read(REFERENCE, Config.production());
        assertThat(reference.tenants()).singleElement().satisfies(tenant -> {
            assertThat(tenant.id()).isEqualTo("acme");
            assertThat(tenant.extensions()).hasSize(2);
            assertThat(tenant.trunks()).hasSize(1);
            assertThat(tenant.dids()).extracting(DidConfig::describeTarget)
                    .containsExactly("extension 200", "queue sales", "ivr main");
            assertThat(tenant.ivrs()).singleElement().satisfies(menu -> {
                assertThat(menu.name()).isEqualTo("main");
                assertThat(menu.options()).containsOnlyKeys('1', '2');
                assertThat(menu.timeout()).isEqualTo(io.ramal.cti.ivr.IvrMenu.defaults("main").timeout());
                assertThat(menu.maxRetries()).isEqualTo(io.ramal.cti.ivr.IvrMenu.defaults("main").maxRetries());
                assertThat(menu.defaultTarget()).isEmpty();
                assertThat(menu.invalidTarget()).isEmpty();
            });
            assertThat(tenant.queues()).singleElement()
                    .isEqualTo(io.ramal.cti.queue.QueueSettings.defaults("sales"));
            assertThat(tenant.record()).isEqualTo(RecordPolicy.ON_DEMAND);
            assertThat(tenant.extensions()).allSatisfy(e -> assertThat(e.record()).isEmpty());
        });
    }

    @Test
    void configDocDescribesEveryReferenceKey() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "config.md"));
        for (String key : new String[] {
                "http.bind", "http.port", "sip.bind", "sip.bind6", "sip.port", "sip.transports", "sip.ipv6",
                "sip.realm", "sip.no_answer_timeout", "sip.park.first_slot", "sip.park.last_slot", "sip.park.timeout",
                "sip.registration.min_expiry", "sip.registration.max_expiry",
                "sip.registration.default_expiry", "sip.guard.max_failures_per_source",
                "sip.guard.max_failures_per_user", "sip.guard.window", "sip.guard.block", "sip.guard.user_window",
                "sip.guard.user_throttle", "sip.guard.trusted_source_ttl", "api.access_token_lifetime",
                "api.refresh_token_lifetime", "media.mode", "media.bind", "media.advertised_address",
                "media.rtp_ports", "media.dead_call_timeout", "media.recording.party_channels",
                "media.recording.mp3_kbps", "media.recording.retention_days", "tenants[].recordings.retention_days",
                "tenants[].record", "tenants[].extensions[].record", "api.events.retention", "api.events.max_per_tenant",
                "api.events.max_sockets_per_user", "api.events.heartbeat", "api.agents.second_login",
                "api.agents.vanish_grace", "api.agents.vanish_action", "api.agents.vanish_reason", "store.url", "data_dir",
                "log.level", "tenants[].id", "tenants[].name", "tenants[].domains", "tenants[].extensions[].number",
                "tenants[].extensions[].name", "tenants[].extensions[].password", "tenants[].trunks[].name",
                "tenants[].trunks[].host", "tenants[].trunks[].port", "tenants[].trunks[].transport",
                "tenants[].trunks[].username", "tenants[].trunks[].password", "tenants[].trunks[].register",
                "tenants[].trunks[].realm", "tenants[].dids[].number", "tenants[].dids[].extension",
                "tenants[].queues[].name", "tenants[].queues[].strategy", "tenants[].queues[].ring_timeout",
                "tenants[].queues[].max_wait", "tenants[].queues[].overflow_to", "tenants[].queues[].wrap_up",
                "tenants[].queues[].max_callers", "tenants[].queues[].announce_position_every",
                "tenants[].queues[].service_level", "tenants[].dids[].queue", "tenants[].dids[].ivr",
                "tenants[].ivrs[].name", "tenants[].ivrs[].options", "tenants[].ivrs[].timeout",
                "tenants[].ivrs[].max_retries", "tenants[].ivrs[].default_target", "tenants[].ivrs[].invalid_target"}) {
            assertThat(doc).as("docs/config.md describes %s", key).contains("`" + key + "`");
        }
    }
}
