package io.ramal.server;

import io.ramal.api.auth.DemoUsers;
import io.ramal.server.config.Config;
import io.ramal.server.config.DidConfig;
import io.ramal.server.config.ExtensionConfig;
import io.ramal.server.config.TenantConfig;
import io.ramal.server.config.TrunkConfig;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The text printed once the server is up: where it listens and, in demo mode, how to log in. */
final class Banner {
    /** The version the server reports (event socket hello, SIP User-Agent). */
    static final String VERSION = "0.1";

    private Banner() {
    }

    static String text(Mode mode, Config config, List<String> endpoints) {
        StringBuilder out = new StringBuilder();
        out.append("Ramal is running (").append(mode == Mode.DEMO ? "demo" : "production").append(" mode)\n");
        for (String endpoint : endpoints) {
            out.append("  ").append(endpoint).append('\n');
        }
        out.append("  data  ").append(config.dataDir()).append('\n');
        if (mode == Mode.DEMO) {
            config.tenant(Config.DEMO_TENANT).ifPresent(tenant -> out.append(credentials(config, tenant)));
        }
        out.append("Stop with Ctrl+C (or SIGTERM).\n");
        return out.toString();
    }

    static String credentials(Config config, TenantConfig tenant) {
        StringBuilder out = new StringBuilder();
        String host = tenant.domains().getFirst();
        out.append("\nDemo tenant '").append(tenant.id()).append("'\n");
        out.append("  SIP domains  ").append(String.join(", ", tenant.domains()))
                .append("   (digest realm ").append(config.realmOf(tenant)).append(")\n");
        out.append("  register to  ").append(host).append(':').append(config.sip().port()).append(" over ")
                .append(config.sip().transports().stream().map(t -> t.configName().toUpperCase(Locale.ROOT))
                        .collect(Collectors.joining(" or ")))
                .append("; user name = extension number\n");
        out.append("  extensions   (number/password)\n");
        List<ExtensionConfig> extensions = tenant.extensions();
        for (int i = 0; i < extensions.size(); i += 5) {
            out.append("              ");
            for (ExtensionConfig extension : extensions.subList(i, Math.min(i + 5, extensions.size()))) {
                out.append("  ").append(extension.number()).append('/').append(extension.password());
            }
            out.append('\n');
        }
        for (TrunkConfig trunk : tenant.trunks()) {
            out.append("  trunk        ").append(trunk.name()).append(" -> ").append(trunk.host()).append(':')
                    .append(trunk.port()).append(' ').append(trunk.transport().configName()).append('\n');
        }
        for (DidConfig did : tenant.dids()) {
            out.append("  DID          ").append(did.number()).append(" -> ").append(did.describeTarget())
                    .append('\n');
        }
        if (config.api().seedDemoUsers()) {
            out.append("  API users    (username/password)");
            for (DemoUsers.Seed seed : DemoUsers.SEEDS) {
                out.append("  ").append(seed.username()).append('/').append(seed.password())
                        .append(seed.extension().map(e -> " (" + e + ")").orElse(""));
            }
            out.append('\n');
            out.append("  token        curl -s -X POST http://").append(config.http().bind()).append(':')
                    .append(config.http().port()).append("/api/v1/auth/token -H 'Content-Type: application/json'")
                    .append(" -d '{\"grant_type\":\"password\",\"username\":\"alice\",\"password\":\"demo-alice\"}'\n");
        }
        if (!extensions.isEmpty()) {
            ExtensionConfig first = extensions.getFirst();
            out.append("  baresip      <sip:").append(first.number()).append('@').append(host).append(':')
                    .append(config.sip().port()).append(">;auth_pass=").append(first.password()).append('\n');
        }
        return out.toString();
    }
}
