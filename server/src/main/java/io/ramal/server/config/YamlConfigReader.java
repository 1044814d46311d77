package io.ramal.server.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ramal.api.webhooks.Backoff;
import io.ramal.api.webhooks.WebhookConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a YAML config file laid over a set of defaults ({@link Config#demo()} or
 * {@link Config#production()}): every key present in the file replaces the default, every
 * absent key keeps it, and a {@code tenants} list, when present, replaces the default
 * tenants as a whole. Unknown keys, wrong types and invalid values fail with a
 * {@link ConfigException} naming the key.
 */
public final class YamlConfigReader {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private YamlConfigReader() {
    }

    public static Config read(Path file, Config defaults) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("", "cannot read config file " + file + ": " + e.getMessage());
        }
        return read(text, defaults);
    }

    public static Config read(String yaml, Config defaults) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(defaults, "defaults");
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException("", "the config file is not valid YAML" + where + ": " + e.getOriginalMessage());
        }
        ConfigNode root = ConfigNode.root(tree);
        root.allowOnly(Set.of("http", "sip", "media", "api", "store", "data_dir", "log", "tenants"));

        HttpConfig http = readHttp(root.section("http"), defaults.http());
        SipConfig sip = readSip(root.section("sip"), defaults.sip());
        MediaConfig media = readMedia(root.section("media"), defaults.media());
        ApiConfig api = readApi(root.section("api"), defaults.api());
        StoreConfig store = readStore(root.section("store"), defaults.store());
        LogConfig log = readLog(root.section("log"), defaults.log());
        String dataDir = root.text("data_dir", defaults.dataDir().toString());
        if (dataDir.isBlank()) {
            throw new ConfigException("data_dir", "must not be empty");
        }
        List<TenantConfig> tenants = root.has("tenants")
                ? TenantsReader.read(root.list("tenants"))
                : defaults.tenants();
        try {
            return new Config(http, sip, media, api, store, Path.of(dataDir), log, tenants);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("tenants", e.getMessage());
        }
    }

    private static HttpConfig readHttp(ConfigNode node, HttpConfig defaults) {
        node.allowOnly(Set.of("bind", "port"));
        String bind = node.text("bind", defaults.bind());
        int port = node.integer("port", defaults.port());
        return node.build(() -> new HttpConfig(bind, port));
    }

    private static MediaConfig readMedia(ConfigNode node, MediaConfig defaults) {
        node.allowOnly(Set.of("mode", "bind", "advertised_address", "rtp_ports", "dead_call_timeout", "recording"));
        String mode = node.text("mode", defaults.anchored() ? "anchored" : "direct");
        if (!mode.equals("anchored") && !mode.equals("direct")) {
            throw new ConfigException(node.keyPath("mode"), "must be anchored or direct, got '" + mode + "'");
        }
        String bind = node.text("bind", defaults.bind());
        var advertised = node.optionalText("advertised_address", defaults.advertisedAddress());
        String range = node.text("rtp_ports", defaults.rtpPortLow() + "-" + defaults.rtpPortHigh());
        var matcher = java.util.regex.Pattern.compile("(\\d{1,5})-(\\d{1,5})").matcher(range.strip());
        if (!matcher.matches()) {
            throw new ConfigException(node.keyPath("rtp_ports"), "expected a range like 20000-20999, got '" + range + "'");
        }
        int low = Integer.parseInt(matcher.group(1));
        int high = Integer.parseInt(matcher.group(2));
        var dead = node.duration("dead_call_timeout", defaults.deadCallTimeout());
        RecordingConfig recording = readRecording(node.section("recording"), defaults.recording());
        return node.build(() -> new MediaConfig(mode.equals("anchored"), bind, advertised, low, high, dead, recording));
    }

    private static RecordingConfig readRecording(ConfigNode node, RecordingConfig defaults) {
        node.allowOnly(Set.of("party_channels", "mp3_kbps", "retention_days"));
        boolean partyChannels = node.bool("party_channels", defaults.partyChannels());
        int mp3Kbps = node.integer("mp3_kbps", defaults.mp3Kbps());
        int retentionDays = node.integer("retention_days", defaults.retentionDays());
        return node.build(() -> new RecordingConfig(partyChannels, mp3Kbps, retentionDays));
    }

    private static ApiConfig readApi(ConfigNode node, ApiConfig defaults) {
        node.allowOnly(Set.of("access_token_lifetime", "refresh_token_lifetime", "events", "agents", "public_url",
                "recording_link_lifetime", "webhooks", "operators"));
        var access = node.duration("access_token_lifetime", defaults.accessTokenLifetime());
        var refresh = node.duration("refresh_token_lifetime", defaults.refreshTokenLifetime());
        ConfigNode events = node.section("events");
        events.allowOnly(Set.of("retention", "max_per_tenant", "max_sockets_per_user", "heartbeat"));
        var retention = events.duration("retention", defaults.eventRetention());
        java.util.Optional<Long> maxPerTenant = events.has("max_per_tenant")
                ? java.util.Optional.of((long) events.integer("max_per_tenant", 0))
                : defaults.eventMaxPerTenant();
        int sockets = events.integer("max_sockets_per_user", defaults.maxSocketsPerUser());
        var heartbeat = events.duration("heartbeat", defaults.heartbeat());
        AgentConfig agents = readAgents(node.section("agents"), defaults.agents());
        java.util.Optional<String> publicUrl = node.optionalText("public_url",
                defaults.publicUrl().map(Object::toString));
        var linkLifetime = node.duration("recording_link_lifetime", defaults.recordingLinkLifetime());
        WebhookConfig webhooks = readWebhooks(node.section("webhooks"), defaults.webhooks());
        java.util.List<io.ramal.api.tenants.OperatorKey> operators = node.has("operators")
                ? node.list("operators").stream().map(YamlConfigReader::readOperator).toList()
                : defaults.operators();
        return node.build(() -> new ApiConfig(access, refresh, retention, maxPerTenant, sockets, heartbeat,
                defaults.seedDemoUsers(), agents, publicUrl.map(YamlConfigReader::url), linkLifetime, webhooks,
                operators));
    }

    private static io.ramal.api.tenants.OperatorKey readOperator(ConfigNode node) {
        node.allowOnly(Set.of("name", "key_sha256"));
        String name = node.requiredText("name");
        String hash = node.requiredText("key_sha256");
        return node.build(() -> new io.ramal.api.tenants.OperatorKey(name, hash));
    }

    private static AgentConfig readAgents(ConfigNode node, AgentConfig defaults) {
        node.allowOnly(Set.of("second_login", "vanish_grace", "vanish_action", "vanish_reason"));
        String second = node.text("second_login", defaults.secondLogin().wire());
        var grace = node.duration("vanish_grace", defaults.vanishGrace());
        String action = node.text("vanish_action", defaults.vanish().wire());
        java.util.Optional<String> reason = node.optionalText("vanish_reason", defaults.vanishReason());
        return node.build(() -> new AgentConfig(
                io.ramal.cti.agent.SecondLogin.fromWire(second).orElseThrow(() -> new IllegalArgumentException(
                        "agents.second_login must be refuse or take_over, got " + second)),
                grace,
                io.ramal.store.AgentPolicySetting.Vanish.fromWire(action).orElseThrow(() ->
                        new IllegalArgumentException("agents.vanish_action must be logout, pause or stay, got "
                                + action)),
                reason));
    }

    private static WebhookConfig readWebhooks(ConfigNode node, WebhookConfig defaults) {
        node.allowOnly(Set.of("connect_timeout", "read_timeout", "lease", "poll_interval", "batch_size",
                "max_concurrent", "backoff", "max_attempts", "max_age", "delivered_retention", "dead_retention",
                "prune_interval", "subscription_cache_ttl", "shutdown_grace", "max_replay"));
        ConfigNode backoff = node.section("backoff");
        backoff.allowOnly(Set.of("base", "max", "jitter"));
        var base = backoff.duration("base", defaults.backoff().base());
        var max = backoff.duration("max", defaults.backoff().max());
        double jitter = backoff.decimal("jitter", defaults.backoff().jitter());
        Backoff delays = backoff.build(() -> new Backoff(base, max, jitter));
        var connect = node.duration("connect_timeout", defaults.connectTimeout());
        var read = node.duration("read_timeout", defaults.readTimeout());
        var lease = node.duration("lease", defaults.lease());
        var poll = node.duration("poll_interval", defaults.pollInterval());
        int batch = node.integer("batch_size", defaults.batchSize());
        int concurrent = node.integer("max_concurrent", defaults.maxConcurrent());
        int attempts = node.integer("max_attempts", defaults.maxAttempts());
        var age = node.duration("max_age", defaults.maxAge());
        var delivered = node.duration("delivered_retention", defaults.deliveredRetention());
        var dead = node.duration("dead_retention", defaults.deadRetention());
        var prune = node.duration("prune_interval", defaults.pruneInterval());
        var cache = node.duration("subscription_cache_ttl", defaults.subscriptionCacheTtl());
        var grace = node.duration("shutdown_grace", defaults.shutdownGrace());
        int replay = node.integer("max_replay", defaults.maxReplay());
        return node.build(() -> new WebhookConfig(connect, read, lease, poll, batch, concurrent, delays, attempts, age,
                delivered, dead, prune, cache, grace, replay));
    }

    private static java.net.URI url(String text) {
        try {
            return new java.net.URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("public_url is not a URL: " + e.getMessage());
        }
    }

    private static SipConfig readSip(ConfigNode node, SipConfig defaults) {
        node.allowOnly(Set.of("bind", "bind6", "port", "transports", "ipv6", "realm", "no_answer_timeout",
                "registration", "guard", "overload", "park"));
        List<SipTransport> transports = new ArrayList<>();
        List<String> names = node.textList("transports",
                defaults.transports().stream().map(SipTransport::configName).toList());
        for (int i = 0; i < names.size(); i++) {
            try {
                transports.add(SipTransport.fromConfigName(names.get(i)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(node.keyPath("transports") + "[" + i + "]", e.getMessage());
            }
        }
        String bind = node.text("bind", defaults.bind());
        var bind6 = node.optionalText("bind6", defaults.bind6());
        int port = node.integer("port", defaults.port());
        boolean ipv6 = node.bool("ipv6", defaults.ipv6());
        var realm = node.optionalText("realm", defaults.realm());
        var noAnswerTimeout = node.duration("no_answer_timeout", defaults.noAnswerTimeout());
        var registration = readRegistration(node.section("registration"), defaults.registration());
        var guard = readGuard(node.section("guard"), defaults.guard());
        var overload = readOverload(node.section("overload"), defaults.overload());
        var park = readPark(node.section("park"), defaults.park());
        return node.build(() -> new SipConfig(
                bind, bind6, port, transports, ipv6, realm, noAnswerTimeout, registration, guard, overload, park));
    }

    private static ParkConfig readPark(ConfigNode node, ParkConfig defaults) {
        node.allowOnly(Set.of("first_slot", "last_slot", "timeout"));
        int first = node.integer("first_slot", defaults.first());
        int last = node.integer("last_slot", defaults.last());
        var timeout = node.duration("timeout", defaults.timeout());
        return node.build(() -> new ParkConfig(first, last, timeout));
    }

    private static RegistrationConfig readRegistration(ConfigNode node, RegistrationConfig defaults) {
        node.allowOnly(Set.of("min_expiry", "max_expiry", "default_expiry"));
        var min = node.duration("min_expiry", defaults.minExpiry());
        var max = node.duration("max_expiry", defaults.maxExpiry());
        var fallback = node.duration("default_expiry", defaults.defaultExpiry());
        return node.build(() -> new RegistrationConfig(min, max, fallback));
    }

    private static GuardConfig readGuard(ConfigNode node, GuardConfig defaults) {
        node.allowOnly(Set.of("max_failures_per_source", "window", "block",
                "max_failures_per_user", "user_window", "user_throttle", "trusted_source_ttl"));
        int perSource = node.integer("max_failures_per_source", defaults.maxFailuresPerSource());
        var window = node.duration("window", defaults.window());
        var block = node.duration("block", defaults.block());
        int perUser = node.integer("max_failures_per_user", defaults.maxFailuresPerUser());
        var userWindow = node.duration("user_window", defaults.userWindow());
        var userThrottle = node.duration("user_throttle", defaults.userThrottle());
        var trustedSourceTtl = node.duration("trusted_source_ttl", defaults.trustedSourceTtl());
        return node.build(() -> new GuardConfig(
                perSource, window, block, perUser, userWindow, userThrottle, trustedSourceTtl));
    }

    private static OverloadConfig readOverload(ConfigNode node, OverloadConfig defaults) {
        node.allowOnly(Set.of("max_queued", "max_delay", "retry_after"));
        int maxQueued = node.integer("max_queued", defaults.maxQueued());
        var maxDelay = node.duration("max_delay", defaults.maxDelay());
        var retryAfter = node.duration("retry_after", defaults.retryAfter());
        return node.build(() -> new OverloadConfig(maxQueued, maxDelay, retryAfter));
    }

    private static StoreConfig readStore(ConfigNode node, StoreConfig defaults) {
        node.allowOnly(Set.of("url", "secrets_key_file"));
        var url = node.optionalText("url", defaults.url());
        var keyFile = node.optionalText("secrets_key_file", defaults.secretsKeyFile());
        return node.build(() -> new StoreConfig(url, keyFile));
    }

    private static LogConfig readLog(ConfigNode node, LogConfig defaults) {
        node.allowOnly(Set.of("level"));
        if (!node.has("level")) {
            return defaults;
        }
        String level = node.text("level", "");
        try {
            return new LogConfig(LogLevel.fromConfigName(level));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.keyPath("level"), e.getMessage());
        }
    }
}
