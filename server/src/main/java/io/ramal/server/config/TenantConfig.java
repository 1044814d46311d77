package io.ramal.server.config;

import io.ramal.cti.ivr.IvrMenu;
import io.ramal.cti.ivr.IvrTarget;
import io.ramal.cti.queue.OverflowTarget;
import io.ramal.cti.queue.QueueSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tenant to provision at start: its SIP domains (the first is its default digest realm),
 * extensions, trunks, inbound numbers, whether its calls are recorded unasked, how many days
 * its recordings are kept ({@code recordings.retention_days}; empty follows
 * {@code media.recording.retention_days}, 0 keeps them for ever), its queues (their settings;
 * members join through the API) and its voice menus (their prompts are uploaded through the API).
 * Domains are kept lower-case.
 */
public record TenantConfig(
        String id,
        String name,
        List<String> domains,
        List<ExtensionConfig> extensions,
        List<TrunkConfig> trunks,
        List<DidConfig> dids,
        RecordPolicy record,
        OptionalInt recordingRetentionDays,
        List<QueueSettings> queues,
        List<IvrMenu> ivrs) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public TenantConfig {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(recordingRetentionDays, "recordingRetentionDays");
        if (recordingRetentionDays.isPresent()) {
            RecordingConfig.checkRetentionDays(recordingRetentionDays.getAsInt());
        }
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "tenant id must be 1 to 63 characters of a-z, 0-9, '-' or '_' starting with a letter or digit, got '"
                            + id + "'");
        }
        domains = domains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).toList();
        extensions = List.copyOf(extensions);
        trunks = List.copyOf(trunks);
        dids = List.copyOf(dids);
        queues = List.copyOf(queues);
        ivrs = List.copyOf(ivrs);
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("tenant " + id + " needs at least one SIP domain");
        }
        requireUnique(id, "domain", domains);
        requireUnique(id, "extension number", extensions.stream().map(ExtensionConfig::number).toList());
        requireUnique(id, "trunk name", trunks.stream().map(TrunkConfig::name).toList());
        requireUnique(id, "DID", dids.stream().map(DidConfig::number).toList());
        requireUnique(id, "queue name", queues.stream().map(QueueSettings::name).toList());
        requireUnique(id, "voice menu name", ivrs.stream().map(IvrMenu::name).toList());
        Set<String> queueNames = new HashSet<>(queues.stream().map(QueueSettings::name).toList());
        for (QueueSettings queue : queues) {
            queue.overflow().filter(o -> o.kind() == OverflowTarget.Kind.QUEUE && !queueNames.contains(o.value()))
                    .ifPresent(o -> {
                        throw new IllegalArgumentException("queue " + queue.name() + " overflows to queue " + o.value()
                                + ", which tenant " + id + " does not list");
                    });
        }
        Set<String> numbers = new HashSet<>(extensions.stream().map(ExtensionConfig::number).toList());
        List<String> queueNumbers = queues.stream().flatMap(q -> q.number().stream()).toList();
        requireUnique(id, "queue number", queueNumbers);
        queueNumbers.stream().filter(numbers::contains).findFirst().ifPresent(n -> {
            throw new IllegalArgumentException("tenant " + id + " has extension " + n + " and a queue dialled by " + n
                    + "; a queue's number must differ from every extension's");
        });
        Set<String> menuNames = new HashSet<>(ivrs.stream().map(IvrMenu::name).toList());
        for (DidConfig did : dids) {
            Set<String> targets = switch (did.target()) {
                case io.ramal.store.DidTarget.Extension e -> numbers;
                case io.ramal.store.DidTarget.Queue q -> queueNames;
                case io.ramal.store.DidTarget.Ivr i -> menuNames;
            };
            if (!targets.contains(did.target().name())) {
                throw new IllegalArgumentException("DID " + did.number() + " points to " + did.describeTarget()
                        + ", which tenant " + id + " does not " + (targets == numbers ? "have" : "list"));
            }
        }
        for (IvrMenu menu : ivrs) {
            for (IvrTarget target : menu.targets()) {
                boolean known = switch (target) {
                    case IvrTarget.Extension e -> numbers.contains(e.value());
                    case IvrTarget.Queue q -> queueNames.contains(q.value());
                    case IvrTarget.Menu m -> menuNames.contains(m.value());
                    case IvrTarget.ExternalNumber n -> true;
                };
                if (!known) {
                    throw new IllegalArgumentException("voice menu " + menu.name() + " leads to " + target
                            + ", which tenant " + id + " does not " + (target instanceof IvrTarget.Extension ? "have"
                            : "list"));
                }
            }
        }
    }

    /** A tenant without queues. */
    public TenantConfig(String id, String name, List<String> domains, List<ExtensionConfig> extensions,
            List<TrunkConfig> trunks, List<DidConfig> dids, RecordPolicy record, OptionalInt recordingRetentionDays) {
        this(id, name, domains, extensions, trunks, dids, record, recordingRetentionDays, List.of(), List.of());
    }

    /** A tenant without voice menus. */
    public TenantConfig(String id, String name, List<String> domains, List<ExtensionConfig> extensions,
            List<TrunkConfig> trunks, List<DidConfig> dids, RecordPolicy record, OptionalInt recordingRetentionDays,
            List<QueueSettings> queues) {
        this(id, name, domains, extensions, trunks, dids, record, recordingRetentionDays, queues, List.of());
    }

    /** A tenant whose recordings are kept as {@code media.recording.retention_days} says. */
    public TenantConfig(String id, String name, List<String> domains, List<ExtensionConfig> extensions,
            List<TrunkConfig> trunks, List<DidConfig> dids, RecordPolicy record) {
        this(id, name, domains, extensions, trunks, dids, record, OptionalInt.empty());
    }

    /** A tenant whose calls are recorded on demand. */
    public TenantConfig(String id, String name, List<String> domains, List<ExtensionConfig> extensions,
            List<TrunkConfig> trunks, List<DidConfig> dids) {
        this(id, name, domains, extensions, trunks, dids, RecordPolicy.ON_DEMAND);
    }

    public TenantConfig withRecord(RecordPolicy policy) {
        return new TenantConfig(id, name, domains, extensions, trunks, dids, policy, recordingRetentionDays, queues);
    }

    /** The tenant with its own recording retention (0: kept for ever). */
    public TenantConfig withRecordingRetentionDays(int days) {
        return new TenantConfig(id, name, domains, extensions, trunks, dids, record, OptionalInt.of(days), queues, ivrs);
    }

    public TenantConfig withExtensions(List<ExtensionConfig> newExtensions) {
        return new TenantConfig(id, name, domains, newExtensions, trunks, dids, record, recordingRetentionDays, queues, ivrs);
    }

    /** The tenant with these queues (settings only). */
    public TenantConfig withQueues(List<QueueSettings> newQueues) {
        return new TenantConfig(id, name, domains, extensions, trunks, dids, record, recordingRetentionDays, newQueues, ivrs);
    }

    /** The tenant with these voice menus (and DIDs, which may lead to them). */
    public TenantConfig withIvrs(List<IvrMenu> newIvrs, List<DidConfig> newDids) {
        return new TenantConfig(id, name, domains, extensions, trunks, newDids, record, recordingRetentionDays, queues,
                newIvrs);
    }

    /** The domain used as digest realm unless {@code sip.realm} is set. */
    public String defaultRealm() {
        return domains.getFirst();
    }

    private static void requireUnique(String id, String what, List<String> values) {
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("tenant " + id + " has an empty " + what);
            }
            if (!seen.add(value)) {
                throw new IllegalArgumentException("tenant " + id + " lists " + what + " " + value + " twice");
            }
        }
    }
}
