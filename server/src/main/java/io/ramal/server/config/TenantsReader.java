package io.ramal.server.config;

import io.ramal.cti.ivr.IvrMenu;
import io.ramal.cti.ivr.IvrTarget;
import io.ramal.cti.queue.OverflowTarget;
import io.ramal.cti.queue.QueueSettings;
import io.ramal.cti.queue.Strategy;
import io.ramal.store.DidTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Reads the {@code tenants} provisioning list. Every field is required unless documented otherwise. */
final class TenantsReader {
    private TenantsReader() {
    }

    static List<TenantConfig> read(List<ConfigNode> items) {
        List<TenantConfig> tenants = new ArrayList<>();
        for (ConfigNode item : items) {
            tenants.add(readTenant(item));
        }
        return tenants;
    }

    private static TenantConfig readTenant(ConfigNode node) {
        node.allowOnly(Set.of("id", "name", "domains", "extensions", "trunks", "dids", "record", "recordings",
                "queues", "ivrs"));
        String id = node.requiredText("id");
        String name = node.text("name", id);
        if (!node.has("domains")) {
            throw new ConfigException(node.keyPath("domains"), "is required (the tenant's SIP domains)");
        }
        List<String> domains = node.textList("domains", List.of());
        List<ExtensionConfig> extensions = node.list("extensions").stream().map(TenantsReader::readExtension).toList();
        List<TrunkConfig> trunks = node.list("trunks").stream().map(TenantsReader::readTrunk).toList();
        List<DidConfig> dids = node.list("dids").stream().map(TenantsReader::readDid).toList();
        List<QueueSettings> queues = node.list("queues").stream().map(TenantsReader::readQueue).toList();
        List<IvrMenu> ivrs = node.list("ivrs").stream().map(TenantsReader::readIvr).toList();
        RecordPolicy record = readRecord(node).orElse(RecordPolicy.ON_DEMAND);
        OptionalInt retentionDays = OptionalInt.empty();
        if (node.has("recordings")) {
            ConfigNode recordings = node.section("recordings");
            recordings.allowOnly(Set.of("retention_days"));
            if (recordings.has("retention_days")) {
                int days = recordings.integer("retention_days", 0);
                retentionDays = recordings.build(() -> {
                    RecordingConfig.checkRetentionDays(days);
                    return OptionalInt.of(days);
                });
            }
        }
        OptionalInt retention = retentionDays;
        return node.build(() -> new TenantConfig(id, name, domains, extensions, trunks, dids, record, retention,
                queues, ivrs));
    }

    private static ExtensionConfig readExtension(ConfigNode node) {
        node.allowOnly(Set.of("number", "name", "password", "record"));
        String number = node.requiredText("number");
        String name = node.text("name", number);
        String password = node.requiredText("password");
        Optional<RecordPolicy> record = readRecord(node);
        return node.build(() -> new ExtensionConfig(number, name, password, record));
    }

    private static Optional<RecordPolicy> readRecord(ConfigNode node) {
        Optional<String> text = node.optionalText("record", Optional.empty());
        try {
            return text.map(RecordPolicy::fromConfigName);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.keyPath("record"), e.getMessage());
        }
    }

    private static TrunkConfig readTrunk(ConfigNode node) {
        node.allowOnly(Set.of("name", "host", "port", "transport", "username", "password", "register", "realm",
                "register_expiry", "outbound_prefixes", "caller_id", "inbound_sources"));
        String name = node.requiredText("name");
        String host = node.requiredText("host");
        int port = node.integer("port", 5060);
        SipTransport transport;
        try {
            transport = SipTransport.fromConfigName(node.text("transport", "udp"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.keyPath("transport"), e.getMessage());
        }
        var username = node.optionalText("username", Optional.empty());
        var password = node.optionalText("password", Optional.empty());
        boolean register = node.bool("register", false);
        var realm = node.optionalText("realm", Optional.empty());
        var expiry = node.duration("register_expiry", java.time.Duration.ofHours(1));
        List<String> prefixes = node.textList("outbound_prefixes", List.of());
        var callerId = node.optionalText("caller_id", Optional.empty());
        List<String> sources = node.textList("inbound_sources", List.of());
        return node.build(() -> new TrunkConfig(name, host, port, transport, username, password, register, realm,
                expiry, prefixes, callerId, sources));
    }

    /** A queue's settings; durations as {@code 30s}, absent optional limits mean none. */
    private static QueueSettings readQueue(ConfigNode node) {
        node.allowOnly(Set.of("name", "strategy", "ring_timeout", "max_wait", "overflow_to", "wrap_up", "max_callers",
                "announce_position_every", "service_level", "number", "language", "announce_wait"));
        String name = node.requiredText("name");
        QueueSettings defaults = QueueSettings.defaults(QueueSettings.validName(name) ? name : "x");
        Strategy strategy;
        try {
            strategy = Strategy.fromWire(node.text("strategy", defaults.strategy().wire()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.keyPath("strategy"), e.getMessage());
        }
        Duration ringTimeout = node.duration("ring_timeout", defaults.ringTimeout());
        Optional<Duration> maxWait = node.has("max_wait") ? Optional.of(node.duration("max_wait", Duration.ZERO))
                : Optional.empty();
        Optional<OverflowTarget> overflow;
        try {
            overflow = node.optionalText("overflow_to", Optional.empty()).map(OverflowTarget::parse);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.keyPath("overflow_to"), e.getMessage());
        }
        Duration wrapUp = node.duration("wrap_up", defaults.wrapUp());
        OptionalInt maxCallers = node.has("max_callers") ? OptionalInt.of(node.integer("max_callers", 0))
                : OptionalInt.empty();
        Optional<Duration> announce = node.has("announce_position_every")
                ? Optional.of(node.duration("announce_position_every", Duration.ZERO)) : Optional.empty();
        Duration serviceLevel = node.duration("service_level", defaults.serviceLevel());
        Optional<String> number = node.optionalText("number", Optional.empty());
        io.ramal.cti.Language language;
        try {
            language = io.ramal.cti.Language.fromWire(node.text("language", defaults.language().wire()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.keyPath("language"), e.getMessage());
        }
        boolean announceWait = node.bool("announce_wait", defaults.announceWait());
        return node.build(() -> new QueueSettings(name, strategy, ringTimeout, maxWait, overflow, wrapUp, maxCallers,
                announce, serviceLevel, number, language, announceWait));
    }

    /** A voice menu: options as a mapping of keys to targets, timeout as a duration. */
    private static IvrMenu readIvr(ConfigNode node) {
        node.allowOnly(Set.of("name", "options", "timeout", "max_retries", "default_target", "invalid_target"));
        String name = node.requiredText("name");
        IvrMenu defaults = IvrMenu.defaults(IvrMenu.validName(name) ? name : "x");
        java.util.Map<Character, IvrTarget> options = new java.util.HashMap<>();
        node.textMap("options").forEach((key, target) -> {
            if (key.length() != 1 || IvrMenu.KEYS.indexOf(key.charAt(0)) < 0) {
                throw new ConfigException(node.keyPath("options") + "." + key, "a key is one of 0-9, *, #, A-D"
                        + " (quote * and #)");
            }
            options.put(key.charAt(0), ivrTarget(node, "options." + key, target));
        });
        Duration timeout = node.duration("timeout", defaults.timeout());
        int retries = node.integer("max_retries", defaults.maxRetries());
        Optional<IvrTarget> fallback = node.optionalText("default_target", Optional.empty())
                .map(t -> ivrTarget(node, "default_target", t));
        Optional<IvrTarget> invalid = node.optionalText("invalid_target", Optional.empty())
                .map(t -> ivrTarget(node, "invalid_target", t));
        return node.build(() -> new IvrMenu(name, Optional.empty(), options, timeout, retries, fallback, invalid));
    }

    private static IvrTarget ivrTarget(ConfigNode node, String key, String text) {
        try {
            return IvrTarget.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.keyPath(key), e.getMessage());
        }
    }

    private static DidConfig readDid(ConfigNode node) {
        node.allowOnly(Set.of("number", "extension", "queue", "ivr"));
        String number = node.requiredText("number");
        int given = (node.has("queue") ? 1 : 0) + (node.has("extension") ? 1 : 0) + (node.has("ivr") ? 1 : 0);
        if (given != 1) {
            throw new ConfigException(node.path(), "a DID names exactly one of extension, queue and ivr");
        }
        DidTarget target = node.has("queue") ? new DidTarget.Queue(node.requiredText("queue"))
                : node.has("ivr") ? new DidTarget.Ivr(node.requiredText("ivr"))
                : new DidTarget.Extension(node.requiredText("extension"));
        return node.build(() -> new DidConfig(number, target));
    }
}
